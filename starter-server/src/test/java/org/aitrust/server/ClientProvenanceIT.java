package org.aitrust.server;

import static org.aitrust.server.AiWrites.clientDevice;
import static org.aitrust.server.AiWrites.observation;
import static org.aitrust.server.AiWrites.practitioner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.UUID;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client's own AI-Provenance kept faithfully, and element-level attribution, over HTTP: {@code X-Provenance} with every
 * element the AI-Provenance profile allows comes back element for element; inline labels become one {@code targetPath}
 * per labelled element; {@code ai-target-path} finds resources by the elements an AI wrote; the IG's transaction
 * pattern stores exactly one AI-Provenance, the client's, checked, tagged and immutable.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {"aitrust.provenance.enabled=true"})
@IsolatedDatabase
class ClientProvenanceIT {

	static final FhirContext FHIR = FhirTestClients.fhirContext();
	static final String TARGET_PATH = "http://hl7.org/fhir/StructureDefinition/targetPath";
	static final String INLINE_LABEL = "http://hl7.org/fhir/uv/security-label-ds4p/StructureDefinition/extension-inline-sec-label";
	static final String AI_ROLE = "http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIdeviceTypeCS";
	static final String PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

	@LocalServerPort
	int port;

	IGenericClient client;

	@BeforeEach
	void connect() {
		client = TestGateway.client(port);
	}

	// ---- X-Provenance kept element for element --------------------------------------------------------

	@Test
	void anXProvenanceWithEveryElementTheProfileAllowsComesBackElementForElement() {
		String device = client.create().resource(clientDevice("RoundTripAI")).execute().getId().toUnqualifiedVersionless().getValue();
		String pract = client.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless().getValue();
		Location ward = new Location();
		ward.setName("Ward 7");
		String location = client.create().resource(ward).execute().getId().toUnqualifiedVersionless().getValue();
		String header = """
				{"resourceType":"Provenance",
				 "meta":{"profile":["http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Provenance"],
				   "security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"N"}]},
				 "text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">AI interpretation</div>"},
				 "contained":[{"resourceType":"DocumentReference","id":"prompt","status":"current",
				   "type":{"coding":[{"system":"http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIinputsCS","code":"AIInputPrompt"}]},
				   "description":"Interpret the heart rate",
				   "content":[{"attachment":{"contentType":"text/markdown","data":"SW50ZXJwcmV0IHRoZSBoZWFydCByYXRl"}}]}],
				 "extension":[{"url":"http://example.org/fhir/StructureDefinition/ai-run","valueString":"run-42"}],
				 "target":[{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/targetPath","valueString":"Observation.interpretation"}],
				   "reference":"Observation","display":"the interpreted observation"}],
				 "occurredPeriod":{"start":"2026-11-20T09:00:00Z","end":"2026-11-20T09:05:00Z"},
				 "policy":["http://example.org/policies/ai-authorized-CDS","http://hl7.org/fhir/uv/aitransparency"],
				 "location":{"reference":"LOCATION"},
				 "reason":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT"}]},
				   {"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationValue","code":"AIAST"}]}],
				 "activity":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-DataOperation","code":"CREATE","display":"create"}],
				   "text":"AI interpretation of the heart rate"},
				 "agent":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/provenance-participant-type","code":"author"}]},
				   "role":[{"coding":[{"system":"http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIdeviceTypeCS","code":"Artificial-Intelligence"}]}],
				   "who":{"reference":"DEVICE"}},
				  {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/provenance-participant-type","code":"performer"}]},
				   "who":{"reference":"PRACT"}}],
				 "entity":[{"role":"derivation","what":{"reference":"#prompt"},
				   "agent":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/provenance-participant-type","code":"author"}]},
				     "who":{"reference":"PRACT"}}]},
				  {"role":"source","what":{"display":"ECG strip"}}],
				 "signature":[{"type":[{"system":"urn:iso-astm:E1762-95:2013","code":"1.2.840.10065.1.12.1.5"}],
				   "when":"2026-11-20T09:05:00Z","who":{"reference":"PRACT"},"sigFormat":"application/jose","data":"ZXhhbXBsZQ=="}]}
				""".replace("DEVICE", device).replace("PRACT", pract).replace("LOCATION", location).replace("\n", "");

		IdType written = (IdType) client.create().resource(observation("round-trip"))
				.withAdditionalHeader("X-Provenance", header).execute().getId();

		Provenance stored = singleProvenanceOf(written);
		Provenance sent = (Provenance) FHIR.newJsonParser().parseResource(header);
		// what the module sets: the record's id and meta bookkeeping, its tag, the versioned target, recorded, the enterer
		assertThat(stored.getTargetFirstRep().getReference()).isEqualTo(written.toUnqualified().getValue());
		assertThat(stored.getMeta().getTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_MODULE_WRITTEN)).isNotNull();
		assertThat(stored.getAgent()).extracting(a -> a.getType().getCodingFirstRep().getCode())
				.containsExactly("author", "enterer", "performer");
		Provenance compared = stored.copy();
		compared.setIdElement(null);
		compared.getMeta().setVersionIdElement(null).setLastUpdatedElement(null).setSourceElement(null).getTag().clear();
		compared.getAgent().remove(1);
		compared.setRecordedElement(null);
		sent.getTargetFirstRep().setReference(written.toUnqualified().getValue());
		assertThat(FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(compared))
				.isEqualTo(FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(sent));
	}

	@Test
	void anXProvenanceClaimingAnotherOperationIsRefusedAndWritesNothing() {
		String device = client.create().resource(clientDevice("WrongActivityAI")).execute().getId().toUnqualifiedVersionless().getValue();
		String marker = UUID.randomUUID().toString();
		Observation observation = observation("wrong-activity");
		observation.addIdentifier().setSystem("urn:test:client-provenance").setValue(marker);
		String header = "{\"resourceType\":\"Provenance\",\"activity\":{\"coding\":[{\"system\":"
				+ "\"http://terminology.hl7.org/CodeSystem/v3-DataOperation\",\"code\":\"UPDATE\"}]},"
				+ "\"agent\":[{\"who\":{\"reference\":\"" + device + "\"}}]}";

		assertThatThrownBy(() -> client.create().resource(observation).withAdditionalHeader("X-Provenance", header).execute())
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("UPDATE").hasMessageContaining("CREATE");
		assertThat(observationsMarked(marker)).isEmpty();
	}

	// ---- element-level attribution ---------------------------------------------------------------------

	@Test
	void inlineLabelsBecomeOneTargetPathPerLabelledElement() {
		DiagnosticReport report = new DiagnosticReport();
		report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
		report.getCode().setText("Blood culture");
		report.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PROCESSINLINELABEL", null);
		label(report.getConclusionElement().setValue("Staphylococcus aureus bacteraemia"));
		label(report.addConclusionCode()).addCoding().setSystem("http://snomed.info/sct").setCode("428763004");

		IdType id = (IdType) client.create().resource(report).execute().getId();

		Provenance provenance = singleProvenanceOf(id);
		assertThat(provenance.getTarget()).hasSize(1);
		assertThat(provenance.getTargetFirstRep().getExtensionsByUrl(TARGET_PATH)).extracting(e -> e.getValue().primitiveValue())
				.containsExactly("DiagnosticReport.conclusion", "DiagnosticReport.conclusionCode[0]");
	}

	@Test
	void aiTargetPathFindsTheResourcesWhoseAiWrittenElementsIncludeOne() {
		String marker = UUID.randomUUID().toString();
		IdType valueByAi = createInlineLabelled(marker, true);
		IdType componentByAi = createInlineLabelled(marker, false);

		List<String> byValue = observationIds("Observation?identifier=urn:test:client-provenance|" + marker
				+ "&_has:Provenance:target:ai-target-path=Observation.value");
		List<String> byComponent = observationIds("Observation?identifier=urn:test:client-provenance|" + marker
				+ "&_has:Provenance:target:ai-target-path=Observation.component");
		List<String> wholePath = observationIds("Observation?identifier=urn:test:client-provenance|" + marker
				+ "&_has:Provenance:target:ai-target-path=" + encoded("Observation.component[0].value.ofType(Quantity)"));

		assertThat(byValue).containsExactly(valueByAi.toUnqualifiedVersionless().getValue());
		assertThat(byComponent).containsExactly(componentByAi.toUnqualifiedVersionless().getValue());
		assertThat(wholePath).containsExactly(componentByAi.toUnqualifiedVersionless().getValue());
		Bundle provenances = client.search().byUrl("Provenance?ai-target-path:exact=" + encoded("Observation.value.ofType(Quantity)")
				+ "&target=" + valueByAi.toUnqualifiedVersionless().getValue())
				.returnBundle(Bundle.class).cacheControl(CacheControlDirective.noCache()).execute();
		assertThat(provenances.getEntry()).hasSize(1);
	}

	// ---- the IG's transaction pattern ----------------------------------------------------------------

	@Test
	void aTransactionWithTheClientsAiProvenanceStoresExactlyThatOneTaggedAndTheResourceIsAnAiWrite() {
		String pract = client.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless().getValue();
		Bundle transaction = igTransactionPattern("tx-pattern", pract);

		Bundle response = client.transaction().withBundle(transaction).execute();

		IdType written = new IdType(response.getEntry().get(0).getResponse().getLocation());
		IdType device = new IdType(response.getEntry().get(1).getResponse().getLocation());
		Provenance only = singleProvenanceOf(written);
		assertThat(only.getIdElement().getIdPart())
				.isEqualTo(new IdType(response.getEntry().get(2).getResponse().getLocation()).getIdPart());
		assertThat(only.getMeta().getTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_CLIENT_SUPPLIED)).isNotNull();
		assertThat(only.getMeta().getTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_MODULE_WRITTEN)).isNull();
		assertThat(only.getTargetFirstRep().getReference()).isEqualTo(written.toUnqualified().getValue());
		assertThat(only.getAgent()).extracting(a -> a.getWho().getReference())
				.containsExactly(pract, device.toUnqualifiedVersionless().getValue());
		Observation stored = client.read().resource(Observation.class).withId(written.toUnqualifiedVersionless()).execute();
		assertThat(stored.getMeta().getSecurity(AiWrites.AIAST_SYSTEM, "AIAST")).isNotNull();
		assertThat(AiWrites.unreviewedObservationIds(client)).contains(written.toUnqualifiedVersionless().getValue());
	}

	@Test
	void theClientsRecognisedProvenanceIsImmutableAndAReviewLinksIt() {
		String pract = client.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless().getValue();
		Bundle response = client.transaction().withBundle(igTransactionPattern("tx-immutable", pract)).execute();
		IdType written = new IdType(response.getEntry().get(0).getResponse().getLocation());
		Provenance clients = singleProvenanceOf(written);
		Provenance changed = clients.copy();
		changed.getActivity().setText("rewritten later");

		assertThatThrownBy(() -> client.update().resource(changed).execute()).isInstanceOf(ForbiddenOperationException.class);
		assertThatThrownBy(() -> client.delete().resourceById(clients.getIdElement().toUnqualifiedVersionless()).execute())
				.isInstanceOf(ForbiddenOperationException.class);
		Parameters review = new Parameters();
		review.addParameter().setName("reviewer").setValue(new Reference(pract));
		review.addParameter().setName("outcome").setValue(new CodeType("verified"));
		Provenance recorded = client.operation().onInstance(written.toUnqualifiedVersionless()).named("$ai-review")
				.withParameters(review).returnResourceType(Provenance.class).execute();
		assertThat(recorded.getEntityFirstRep().getWhat().getReference())
				.isEqualTo(clients.getIdElement().toUnqualifiedVersionless().getValue());
		assertThat(AiWrites.unreviewedObservationIds(client)).doesNotContain(written.toUnqualifiedVersionless().getValue());
	}

	@Test
	void aClientsAiProvenanceThatDoesNotConformOrNamesNoDeviceIsRefusedAndNothingIsStored() {
		String pract = client.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless().getValue();

		Bundle noAiReason = igTransactionPattern("tx-no-reason", pract);
		((Provenance) noAiReason.getEntry().get(2).getResource()).getReason().clear();
		Bundle patientAsAi = igTransactionPattern("tx-patient-ai", pract);
		patientAsAi.getEntry().get(1).setResource(new org.hl7.fhir.r4.model.Patient().setActive(true));
		patientAsAi.getEntry().get(1).getRequest().setUrl("Patient");
		Bundle missingDevice = igTransactionPattern("tx-missing-device", pract);
		((Provenance) missingDevice.getEntry().get(2).getResource()).getAgent().get(1).getWho().setReference("Device/no-such-ai");

		for (Bundle refused : List.of(noAiReason, patientAsAi, missingDevice)) {
			String marker = ((Observation) refused.getEntry().get(0).getResource()).getIdentifierFirstRep().getValue();
			assertThatThrownBy(() -> client.transaction().withBundle(refused).execute())
					.as(marker).isInstanceOf(UnprocessableEntityException.class)
					.satisfies(e -> assertThat(((BaseServerResponseException) e).getStatusCode()).isEqualTo(422));
			assertThat(observationsMarked(marker)).as(marker).isEmpty();
		}
	}

	@Test
	void aClientMayNotPutTheClientSuppliedTagOnItsOwnProvenance() {
		IdType written = (IdType) client.create().resource(observation("forged-tag")).execute().getId();
		Provenance forged = new Provenance();
		forged.addTarget(new Reference(written.toUnqualified().getValue()));
		forged.getRecordedElement().setValueAsString("2026-11-20T10:00:00Z");
		forged.getMeta().addTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_CLIENT_SUPPLIED, null);
		forged.addAgent().setWho(new Reference().setDisplay("someone"));

		assertThatThrownBy(() -> client.create().resource(forged).execute()).isInstanceOf(ForbiddenOperationException.class);
	}

	// ---- helpers ------------------------------------------------------------------------------------------

	/** The IG's pattern: the Observation, its AI Device and the client's AI-Provenance targeting the urn:uuid. */
	private static Bundle igTransactionPattern(String text, String verifier) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String observationUrl = "urn:uuid:" + UUID.randomUUID();
		String deviceUrl = "urn:uuid:" + UUID.randomUUID();
		Observation observation = observation(text);
		observation.addIdentifier().setSystem("urn:test:client-provenance").setValue(UUID.randomUUID().toString());
		transaction.addEntry().setFullUrl(observationUrl).setResource(observation).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		transaction.addEntry().setFullUrl(deviceUrl).setResource(clientDevice("TransactionAI " + text)).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Device");
		Provenance provenance = new Provenance();
		provenance.getMeta().addProfile(AiTransparency.PROFILE_AI_PROVENANCE);
		provenance.addTarget(new Reference(observationUrl));
		provenance.getRecordedElement().setValueAsString("2026-11-20T10:00:00Z");
		provenance.addReason(new CodeableConcept(new Coding(AiWrites.AIAST_SYSTEM, "AIAST", null)));
		provenance.getActivity().setText("AI-drafted heart rate");
		provenance.addAgent().setType(new CodeableConcept(new Coding(PARTICIPANT, "verifier", null)))
				.setWho(new Reference(verifier));
		provenance.addAgent().setType(new CodeableConcept(new Coding(PARTICIPANT, "author", null)))
				.addRole(new CodeableConcept(new Coding().setSystem(AI_ROLE).setCode("Artificial-Intelligence")))
				.setWho(new Reference(deviceUrl));
		transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(provenance).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Provenance");
		return transaction;
	}

	private static <T extends org.hl7.fhir.r4.model.Element> T label(T element) {
		element.addExtension(new Extension(INLINE_LABEL, new Coding(AiWrites.AIAST_SYSTEM, "AIAST", null)));
		return element;
	}

	private IdType createInlineLabelled(String marker, boolean labelValue) {
		Observation observation = observation("inline-" + labelValue);
		observation.addIdentifier().setSystem("urn:test:client-provenance").setValue(marker);
		observation.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PROCESSINLINELABEL", null);
		Quantity value = new Quantity(72).setUnit("/min");
		observation.setValue(labelValue ? label(value) : value);
		Quantity component = new Quantity(3).setUnit("/min");
		observation.addComponent().setValue(labelValue ? component : label(component)).getCode().setText("variability");
		return (IdType) client.create().resource(observation).execute().getId();
	}

	private static String encoded(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	private List<String> observationIds(String url) {
		Bundle bundle = client.search().byUrl(url).returnBundle(Bundle.class).cacheControl(CacheControlDirective.noCache()).execute();
		return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue()).toList();
	}

	private List<Resource> observationsMarked(String marker) {
		Bundle found = client.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode("urn:test:client-provenance", marker))
				.returnBundle(Bundle.class).cacheControl(CacheControlDirective.noCache()).execute();
		return found.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
	}

	private List<Provenance> provenancesOf(IIdType id) {
		Bundle bundle = client.search().forResource(Provenance.class)
				.where(Provenance.TARGET.hasId(id.toUnqualifiedVersionless().getValue()))
				.returnBundle(Bundle.class).cacheControl(CacheControlDirective.noCache()).execute();
		return bundle.getEntry().stream().map(e -> (Provenance) e.getResource()).toList();
	}

	private Provenance singleProvenanceOf(IIdType id) {
		List<Provenance> all = provenancesOf(id);
		assertThat(all).hasSize(1);
		return all.get(0);
	}
}
