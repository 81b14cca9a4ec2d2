package org.aitrust.server.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aitrust.server.StarterServerProperties;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo data set into a running server over its own FHIR API, as the named clients a hospital would have:
 * a patient registry, a lab system, an EHR, an AI scribe (the agent the demo profile registers) and a reviewer who
 * verifies, corrects or rejects some AI drafts; before today's writes, the weeks of history ({@code history-weeks})
 * with the module's clock ({@link DemoClock}) moved back day by day; then, when the Synthea folder exists, some Synthea patient records
 * as transactions. Everything passes through the module as any client's writes would, so the dashboard shows what
 * the module measured. Skipped when the demo reviewer already exists (a restart of a loaded demo server).
 */
public final class DemoLoader {

	private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
	static final String SOURCE_HEADER = "X-AI-Agent";
	static final String AI_AGENT = "demo-scribe";
	/** The AI agent of the history, whose drafts are corrected more often in its last two weeks. */
	static final String HISTORY_AGENT = "demo-triage";
	static final int HISTORY_LAB_RESULTS_PER_DAY = 4;
	static final int HISTORY_DRAFTS_PER_DAY = 4;
	static final int HISTORY_REVIEWS_PER_DAY = 3;

	private final IGenericClient client;
	private final StarterServerProperties.Demo settings;
	private final DemoClock clock;
	private final String dashboard;

	/**
	 * @param clock the server's module clock ({@code aiTrustClock}), which the loader moves back day by day while it
	 *     writes the history
	 * @param accessToken a bearer token for each request, or {@code null} for a server without security; the loader
	 *     is the demo's trusted gateway, naming its clients in the agent header from loopback
	 */
	public DemoLoader(FhirContext fhirContext, String fhirBase, String dashboard, StarterServerProperties.Demo settings,
			DemoClock clock, java.util.function.Supplier<String> accessToken) {
		fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		fhirContext.getRestfulClientFactory().setSocketTimeout(300_000);
		this.client = fhirContext.newRestfulGenericClient(fhirBase);
		if (accessToken != null) {
			client.registerInterceptor(new ca.uhn.fhir.rest.client.api.IClientInterceptor() {
				@Override
				public void interceptRequest(ca.uhn.fhir.rest.client.api.IHttpRequest request) {
					request.addHeader("Authorization", "Bearer " + accessToken.get());
				}

				@Override
				public void interceptResponse(ca.uhn.fhir.rest.client.api.IHttpResponse response) {}
			});
		}
		this.settings = settings;
		this.clock = clock;
		this.dashboard = dashboard;
	}

	/** Loads the data set; returns how many requests were sent. */
	public int load() throws IOException {
		if (alreadyLoaded()) {
			log.info("Demo data is already loaded; open {}", dashboard);
			return 0;
		}
		DemoRecords records = new DemoRecords(ZonedDateTime.now(clock));
		int sent = 0;
		String reviewer = create(records.reviewer(), "demo-setup");
		sent++;
		List<String> patients = new ArrayList<>();
		for (Patient patient : records.patients()) {
			patients.add(create(patient, "demo-registry"));
			sent++;
		}
		log.info("Demo: {} patients registered", patients.size());
		sent += loadHistory(records, patients, reviewer);
		for (Observation result : records.labResults(patients)) {
			create(result, "demo-lab");
			sent++;
		}
		refused(records.danglingResult(), "demo-lab");
		sent++;
		records.encounters(patients).forEach(encounter -> create(encounter, "demo-ehr"));
		sent += patients.size();
		log.info("Demo: lab results and encounters sent");
		List<String> drafts = new ArrayList<>();
		for (Observation draft : records.aiDrafts(patients)) {
			drafts.add(create(draft, AI_AGENT));
			sent++;
		}
		String[] outcomes = {"verified", "verified", "corrected", "verified", "rejected", "verified", "corrected",
			"verified", "verified", "verified", "corrected", "verified"};
		for (int i = 0; i < outcomes.length; i++) {
			review(drafts.get(i * 3 % drafts.size()), reviewer, outcomes[i]);
			sent++;
		}
		log.info("Demo: {} AI drafts from {}, {} of them reviewed", drafts.size(), AI_AGENT, outcomes.length);
		sent += loadSynthea();
		log.info("Demo data loaded ({} requests): open {}", sent, dashboard);
		return sent;
	}

	/**
	 * The weeks before today ({@code history-weeks}), day by day with the module's clock standing on that day: each
	 * day {@value #HISTORY_LAB_RESULTS_PER_DAY} heart rates from {@code demo-lab}, {@value #HISTORY_DRAFTS_PER_DAY}
	 * drafts from the AI triage assistant {@value #HISTORY_AGENT}, {@value #HISTORY_REVIEWS_PER_DAY} of them reviewed
	 * two hours later. The lab's non-UCUM units rise over the last three weeks (week six of eight: from one result in
	 * about eleven to half of them); the assistant's corrections rise over the last two (from one review in twelve to
	 * two in three). Whatever happens, the clock is back on real time afterwards.
	 */
	private int loadHistory(DemoRecords records, List<String> patients, String reviewer) {
		int days = settings.historyWeeks() * 7;
		// the last patient is born "tomorrow": an event before birth is not what the history is about
		List<String> living = patients.subList(0, patients.size() - 1);
		long started = System.nanoTime();
		int sent = 0;
		try {
			for (int day = 0; day < days; day++) {
				Duration back = Duration.ofDays(days - day);
				boolean labWorse = day >= days - 21;
				boolean correctionsRise = day >= days - 14;
				clock.standBack(back);
				ZonedDateTime sentAt = ZonedDateTime.now(clock);
				int nonUcum = labWorse ? HISTORY_LAB_RESULTS_PER_DAY / 2 : day % 3 == 0 ? 1 : 0;
				for (int i = 0; i < HISTORY_LAB_RESULTS_PER_DAY; i++) {
					String patient = living.get((day + i) % living.size());
					create(records.historyLabResult(patient, sentAt, i < nonUcum, day * HISTORY_LAB_RESULTS_PER_DAY + i),
							"demo-lab");
					sent++;
				}
				List<String> drafts = new ArrayList<>();
				for (int i = 0; i < HISTORY_DRAFTS_PER_DAY; i++) {
					drafts.add(create(records.historyDraft(living.get((day * 5 + i) % living.size()), sentAt), HISTORY_AGENT));
					sent++;
				}
				clock.standBack(back.minusHours(2));
				int corrected = correctionsRise ? 2 : day % 4 == 0 ? 1 : 0;
				for (int i = 0; i < HISTORY_REVIEWS_PER_DAY; i++) {
					String outcome = i < corrected ? "corrected"
							: i == HISTORY_REVIEWS_PER_DAY - 1 && day % 7 == 3 ? "rejected" : "verified";
					review(drafts.get(i), reviewer, outcome);
					sent++;
				}
			}
		} finally {
			clock.backToNow();
		}
		if (days > 0) {
			log.info("Demo: {} weeks of history written ({} requests) in {} s", settings.historyWeeks(), sent,
					(System.nanoTime() - started) / 1_000_000_000);
		}
		return sent;
	}

	private int loadSynthea() throws IOException {
		Path folder = Path.of(settings.syntheaDir());
		if (settings.syntheaPatients() == 0 || !Files.isDirectory(folder)) {
			log.info("Demo: no Synthea records loaded ({} is not a folder here)", folder.toAbsolutePath().normalize());
			return 0;
		}
		List<Path> files;
		try (Stream<Path> listed = Files.list(folder)) {
			files = listed.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
		}
		// Synthea writes the organizations and practitioners its patient records refer to in files of their own
		List<Path> bundles = new ArrayList<>(files.stream().filter(DemoLoader::isSharedDirectory).toList());
		files.stream().filter(f -> !isSharedDirectory(f)).limit(settings.syntheaPatients()).forEach(bundles::add);
		FhirContext fhirContext = client.getFhirContext();
		for (int i = 0; i < bundles.size(); i++) {
			long started = System.nanoTime();
			Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, Files.readString(bundles.get(i)));
			try {
				client.transaction().withBundle(bundle).withAdditionalHeader(SOURCE_HEADER, "demo-synthea").execute();
				log.info("Demo: Synthea file {}/{} ({} entries) in {} ms", i + 1, bundles.size(), bundle.getEntry().size(),
						(System.nanoTime() - started) / 1_000_000);
			} catch (BaseServerResponseException e) {
				log.info("Demo: Synthea file {}/{} refused with {} (counted as rejected)", i + 1, bundles.size(),
						e.getStatusCode());
			}
		}
		return bundles.size();
	}

	private static boolean isSharedDirectory(Path file) {
		String name = file.getFileName().toString();
		return name.startsWith("hospitalInformation") || name.startsWith("practitionerInformation");
	}

	private boolean alreadyLoaded() {
		Bundle found = client.search().forResource(Practitioner.class)
				.where(Practitioner.IDENTIFIER.exactly().systemAndCode(DemoRecords.IDENTIFIER_SYSTEM, "reviewer"))
				.cacheControl(new CacheControlDirective().setNoCache(true))
				.returnBundle(Bundle.class).execute();
		return !found.getEntry().isEmpty();
	}

	private String create(IBaseResource resource, String source) {
		return client.create().resource(resource).withAdditionalHeader(SOURCE_HEADER, source).execute().getId()
				.toUnqualifiedVersionless().getValue();
	}

	private void refused(IBaseResource resource, String source) {
		try {
			create(resource, source);
		} catch (BaseServerResponseException expected) {
			// the server refuses a reference to a patient it does not hold; the metrics count the refusal
		}
	}

	private void review(String resource, String reviewer, String outcome) {
		client.operation().onInstance(new IdType(resource)).named("$ai-review")
				.withParameter(Parameters.class, "reviewer", new Reference(reviewer))
				.andParameter("outcome", new CodeType(outcome))
				.execute();
	}
}
