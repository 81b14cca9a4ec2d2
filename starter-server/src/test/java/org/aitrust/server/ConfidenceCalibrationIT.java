package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.aitrust.provenance.AiConfidence;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * Confidence and its calibration over HTTP: registered agents write Observations stating their confidence
 * ({@code AIconfidence}, as a decimal and as a percentage), a clinician reviews them with {@code $ai-review}, and
 * {@code $ai-oversight} returns the reliability bins and expected calibration error computed by hand. The module's
 * clock is a bean the test moves ({@code aiTrustClock}), so a baseline month and a recent week are written in
 * seconds: a model whose high-confidence writes start being corrected is flagged, a steady one is not.
 */
@SpringBootTest(
		classes = {StarterServerApplication.class, ConfidenceCalibrationIT.MovableClock.class},
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.quality.enabled=true",
			"aitrust.provenance.enabled=true",
			"aitrust.oversight.enabled=true",
			"aitrust.validation.enabled=false",
			"aitrust.provenance.agents[0].id=calib-fixture",
			"aitrust.provenance.agents[0].model-name=FixtureScribe",
			"aitrust.provenance.agents[0].model-version=1",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs",
			"aitrust.provenance.agents[1].id=calib-drifting",
			"aitrust.provenance.agents[1].model-name=DriftingScribe",
			"aitrust.provenance.agents[1].model-version=1",
			"aitrust.provenance.agents[1].manufacturer=Example AI Labs",
			"aitrust.provenance.agents[2].id=calib-steady",
			"aitrust.provenance.agents[2].model-name=SteadyScribe",
			"aitrust.provenance.agents[2].model-version=1",
			"aitrust.provenance.agents[2].manufacturer=Example AI Labs"
		})
@IsolatedDatabase
class ConfidenceCalibrationIT {

	private static final String AGENT_HEADER = "X-AI-Agent";
	private static final String STATUS = "http://fhir-aitrust.org/StructureDefinition/oversight-status";
	private static final String ECE = "http://fhir-aitrust.org/StructureDefinition/oversight-expected-calibration-error";
	private static final String BASELINE_ECE =
			"http://fhir-aitrust.org/StructureDefinition/oversight-baseline-expected-calibration-error";
	private static final String MEAN = "http://fhir-aitrust.org/StructureDefinition/oversight-mean-confidence";

	/** The module's clock, which the tests set; every other clock (HAPI's, the token issuer's) is the real one. */
	@TestConfiguration
	static class MovableClock {
		@Bean
		SettableClock aiTrustClock() {
			return new SettableClock(Instant.parse("2026-10-05T09:00:00Z"));
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	SettableClock clock;

	IGenericClient client;
	String reviewer;

	@BeforeEach
	void connect() {
		client = TestGateway.client(port);
		Practitioner practitioner = AiWrites.practitioner();
		reviewer = client.create().resource(practitioner).execute().getId().toUnqualifiedVersionless().getValue();
	}

	@Test
	void calibrationFiguresEqualTheHandComputedFixture() {
		// the week of Monday 2026-10-12, written on its Wednesday
		clock.set("2026-10-14T10:00:00Z");
		// bin 0.9-1.0: 0.95 (as 95 %) verified, 0.95 verified, 0.90 verified, 1.00 corrected
		reviewedWrite("calib-fixture", percent("95"), "verified");
		reviewedWrite("calib-fixture", new DecimalType("0.95"), "verified");
		reviewedWrite("calib-fixture", new DecimalType("0.90"), "verified");
		reviewedWrite("calib-fixture", new DecimalType("1.00"), "corrected");
		// bin 0.7-0.8: 0.70 and 0.74, verified
		reviewedWrite("calib-fixture", new DecimalType("0.70"), "verified");
		reviewedWrite("calib-fixture", percent("74"), "verified");
		// bin 0.2-0.3: 0.20 rejected, 0.25 corrected
		reviewedWrite("calib-fixture", new DecimalType("0.20"), "rejected");
		reviewedWrite("calib-fixture", new DecimalType("0.25"), "corrected");
		// stated but not reviewed: distribution only; a category: no probability, in neither
		write("calib-fixture", new DecimalType("0.5"));
		write("calib-fixture", new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/certainty-rating", "high", "High quality")));

		MeasureReport report = oversight("FixtureScribe|1", "2026-10-12", "2026-10-18");

		MeasureReport.MeasureReportGroupComponent distribution = group(report, "confidence");
		assertThat(distribution.getPopulationFirstRep().getCount()).isEqualTo(9);
		assertThat(counts(distribution, "initial-population"))
				.containsExactly(0, 0, 2, 0, 0, 1, 0, 2, 0, 4);
		// 6.19 / 9
		assertThat(decimal(distribution, MEAN)).isEqualByComparingTo("0.687778");

		MeasureReport.MeasureReportGroupComponent calibration = group(report, "calibration");
		assertThat(counts(calibration, "denominator")).containsExactly(0, 0, 2, 0, 0, 0, 0, 2, 0, 4);
		assertThat(counts(calibration, "numerator")).containsExactly(0, 0, 0, 0, 0, 0, 0, 2, 0, 3);
		List<String> means = calibration.getStratifierFirstRep().getStratum().stream()
				.map(s -> s.getExtensionByUrl(MEAN) == null ? "-" : s.getExtensionByUrl(MEAN).getValue().primitiveValue())
				.toList();
		assertThat(means).containsExactly("-", "-", "0.225000", "-", "-", "-", "-", "0.720000", "-", "0.950000");
		// 4/8 |0.75 - 0.95| + 2/8 |1 - 0.72| + 2/8 |0 - 0.225| = 0.1 + 0.07 + 0.05625
		assertThat(decimal(calibration, ECE)).isEqualByComparingTo("0.22625");
		assertThat(calibration.getMeasureScore().getValue()).as("5 of 8 verified").isEqualByComparingTo("62.5");
		assertThat(status(calibration)).as("nothing in the four weeks before").isEqualTo("no-baseline");
	}

	@Test
	void aModelGrowingOverconfidentIsFlaggedWithAnInjectedClockAndASteadyOneIsNot() {
		// baseline: the week of Monday 2026-09-07, inside the four weeks before the recent week of 2026-09-28
		clock.set("2026-09-09T10:00:00Z");
		for (int i = 0; i < 12; i++) {
			reviewedWrite("calib-drifting", new DecimalType("0.95"), "verified");
			reviewedWrite("calib-steady", new DecimalType("0.95"), i == 0 ? "corrected" : "verified");
		}
		clock.set("2026-09-30T10:00:00Z");
		for (int i = 0; i < 12; i++) {
			reviewedWrite("calib-drifting", new DecimalType("0.95"), i % 2 == 0 ? "corrected" : "verified");
			reviewedWrite("calib-steady", new DecimalType("0.95"), i == 0 ? "corrected" : "verified");
		}
		// asked on the Sunday of the recent week, with no dates: its default window ends today by the module's clock
		clock.set("2026-10-04T18:00:00Z");

		MeasureReport drifting = oversight("DriftingScribe|1", null, null);
		MeasureReport steady = oversight("SteadyScribe|1", null, null);

		MeasureReport.MeasureReportGroupComponent drifted = group(drifting, "calibration");
		assertThat(status(drifted)).isEqualTo("drifted");
		MeasureReport.StratifierGroupComponent highBin = drifted.getStratifierFirstRep().getStratum().get(9);
		assertThat(highBin.getValue().getText()).isEqualTo("0.9-1.0");
		assertThat(highBin.getExtensionByUrl(STATUS).getValue().primitiveValue()).isEqualTo("drifted");
		// recent: 6 of 12 verified at 0.95, ECE |6 - 11.4| / 12 = 0.45; baseline 12 of 12, |12 - 11.4| / 12 = 0.05
		assertThat(decimal(drifted, ECE)).isEqualByComparingTo("0.45");
		assertThat(decimal(drifted, BASELINE_ECE)).isEqualByComparingTo("0.05");
		assertThat(status(group(steady, "calibration"))).isEqualTo("stable");
		assertThat(status(group(drifting, "confidence"))).as("the stated confidence did not move").isEqualTo("stable");
	}

	// ---- helpers ------------------------------------------------------------------------------------------

	private static Quantity percent(String value) {
		return new Quantity().setValue(new BigDecimal(value)).setUnit("%").setSystem(AiConfidence.UCUM).setCode("%");
	}

	private String write(String agent, Type confidence) {
		Observation observation = AiWrites.observation("calibration " + UUID.randomUUID());
		observation.setEffective(new DateTimeType("2026-09-01T09:30:00Z"));
		observation.addExtension(new Extension(AiTransparency.EXTENSION_AI_CONFIDENCE, confidence));
		return client.create().resource(observation).withAdditionalHeader(AGENT_HEADER, agent).execute().getId()
				.toUnqualifiedVersionless().getValue();
	}

	private void reviewedWrite(String agent, Type confidence, String outcome) {
		String written = write(agent, confidence);
		client.operation().onInstance(new IdType(written)).named("$ai-review")
				.withParameter(Parameters.class, "reviewer", new Reference(reviewer))
				.andParameter("outcome", new CodeType(outcome))
				.execute();
	}

	private MeasureReport oversight(String model, String start, String end) {
		Parameters parameters = new Parameters();
		parameters.addParameter("model", new StringType(model));
		if (start != null) {
			parameters.addParameter("start", new DateType(start));
			parameters.addParameter("end", new DateType(end));
		}
		Bundle reports = client.operation().onServer().named("$ai-oversight").withParameters(parameters)
				.useHttpGet().returnResourceType(Bundle.class).execute();
		assertThat(reports.getEntry()).hasSize(1);
		return (MeasureReport) reports.getEntryFirstRep().getResource();
	}

	private static MeasureReport.MeasureReportGroupComponent group(MeasureReport report, String id) {
		return report.getGroup().stream().filter(g -> id.equals(g.getCode().getCodingFirstRep().getCode()))
				.findFirst().orElseThrow();
	}

	private static String status(MeasureReport.MeasureReportGroupComponent group) {
		return group.getExtensionByUrl(STATUS).getValue().primitiveValue();
	}

	private static BigDecimal decimal(MeasureReport.MeasureReportGroupComponent group, String url) {
		return new BigDecimal(group.getExtensionByUrl(url).getValue().primitiveValue());
	}

	/** One population's count in each confidence bin, in bin order. */
	private static List<Integer> counts(MeasureReport.MeasureReportGroupComponent group, String population) {
		List<Integer> counts = new ArrayList<>();
		for (MeasureReport.StratifierGroupComponent stratum : group.getStratifierFirstRep().getStratum()) {
			counts.add(stratum.getPopulation().stream()
					.filter(p -> population.equals(p.getCode().getCodingFirstRep().getCode())).findFirst().orElseThrow()
					.getCount());
		}
		return counts;
	}
}
