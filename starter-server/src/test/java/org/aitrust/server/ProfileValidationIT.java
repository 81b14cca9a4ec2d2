package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Profile validation at the boundary over HTTP, on the project's own AI Transparency package: each mode on
 * each write path (create, update, conditional create and update, patch, transaction and batch entries),
 * rules by type and by source, {@code $validate} parity, conformance resources stored moments before, packages
 * installed at run time, and the module's own Provenance and Device passing the profiles they claim.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.validation.enabled=true",
			"aitrust.validation.mode=SHADOW",
			"aitrust.validation.warn-tag=http://fhir-aitrust.org/CodeSystem/aitrust-tag|validation-issues",
			"aitrust.validation.rules[0].resource-types=Device,Provenance",
			"aitrust.validation.rules[0].mode=ENFORCE",
			"aitrust.validation.rules[1].resource-types=Observation",
			"aitrust.validation.rules[1].mode=WARN",
			"aitrust.validation.rules[2].sources=strict-lab",
			"aitrust.validation.rules[2].mode=ENFORCE",
			"aitrust.validation.rules[3].resource-types=Patient",
			"aitrust.validation.rules[3].sources=profiled-registry",
			"aitrust.validation.rules[3].mode=ENFORCE",
			"aitrust.validation.rules[3].required-profiles=http://fhir-aitrust.org/fhir/test/StructureDefinition/registry-patient",
			"aitrust.quality.enabled=true",
			"aitrust.provenance.enabled=true",
			"aitrust.provenance.agents[0].id=scribe",
			"aitrust.provenance.agents[0].model-name=ClinicalScribe",
			"aitrust.provenance.agents[0].model-version=3.1",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs"
		})
@IsolatedDatabase
class ProfileValidationIT {

	static final String AI_DEVICE = "http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Device";
	static final String AI_PROVENANCE = "http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Provenance";
	static final String DEVICE_TYPES = "http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIdeviceTypeCS";
	static final String WARN_TAG_SYSTEM = "http://fhir-aitrust.org/CodeSystem/aitrust-tag";
	static final String SOURCE_HEADER = "X-AI-Agent";

	@LocalServerPort
	int port;

	IGenericClient client;

	@BeforeEach
	void connect() {
		client = TestGateway.client(port);
	}

	/** An AI-Device as the profile wants it: the fixed type is what the invalid variants leave out. */
	static Device aiDevice(String name) {
		Device device = new Device();
		device.getMeta().addProfile(AI_DEVICE);
		device.addIdentifier().setSystem("urn:test:devices").setValue(name);
		device.addDeviceName().setName(name).setType(Device.DeviceNameType.MANUFACTURERNAME);
		device.setType(new CodeableConcept().addCoding(new Coding().setSystem(DEVICE_TYPES).setCode("Artificial-Intelligence")));
		return device;
	}

	static Device aiDeviceWithoutType(String name) {
		Device device = aiDevice(name);
		device.setType(null);
		return device;
	}

	static OperationOutcome outcomeOf(BaseServerResponseException e) {
		IBaseOperationOutcome outcome = e.getOperationOutcome();
		assertThat(outcome).as("the error carries an OperationOutcome").isInstanceOf(OperationOutcome.class);
		return (OperationOutcome) outcome;
	}

	static List<OperationOutcome.OperationOutcomeIssueComponent> errors(OperationOutcome outcome) {
		return outcome.getIssue().stream()
				.filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
						|| i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
				.toList();
	}

	int countDevices(String name) {
		return client.search().forResource(Device.class).where(Device.DEVICE_NAME.matches().value(name))
				.cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true))
				.returnBundle(Bundle.class).execute().getEntry().size();
	}

	@Test
	void enforceRejectsAnInvalidCreateWith422ListingEveryIssueAndStoresNothing() {
		String name = "reject-" + UUID.randomUUID();
		assertThatThrownBy(() -> client.create().resource(aiDeviceWithoutType(name)).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
					List<OperationOutcome.OperationOutcomeIssueComponent> errors = errors(outcomeOf(e));
					assertThat(errors).isNotEmpty();
					assertThat(errors).anySatisfy(issue -> {
						assertThat(issue.getDiagnostics()).contains("Device.type");
						assertThat(issue.getExpression()).isNotEmpty();
						assertThat(issue.getCode()).isNotNull();
					});
				});
		assertThat(countDevices(name)).isZero();
		assertThat(client.create().resource(aiDevice(name)).execute().getCreated()).isTrue();
		assertThat(countDevices(name)).isOne();
	}

	@Test
	void enforceCoversUpdateConditionalCreateConditionalUpdateAndPatch() {
		String name = "paths-" + UUID.randomUUID();
		IdType id = (IdType) client.create().resource(aiDevice(name)).execute().getId().toUnqualifiedVersionless();

		Device invalidUpdate = aiDeviceWithoutType(name);
		invalidUpdate.setId(id);
		assertThatThrownBy(() -> client.update().resource(invalidUpdate).execute())
				.isInstanceOf(UnprocessableEntityException.class);

		String other = "cond-" + UUID.randomUUID();
		assertThatThrownBy(() -> client.create().resource(aiDeviceWithoutType(other))
						.conditionalByUrl("Device?identifier=urn:test:devices|" + other).execute())
				.isInstanceOf(UnprocessableEntityException.class);
		assertThatThrownBy(() -> client.update().resource(aiDeviceWithoutType(other))
						.conditionalByUrl("Device?identifier=urn:test:devices|" + other).execute())
				.isInstanceOf(UnprocessableEntityException.class);
		assertThat(countDevices(other)).isZero();

		String removeType = "[{\"op\":\"remove\",\"path\":\"/type\"}]";
		assertThatThrownBy(() -> client.patch().withBody(removeType).withId(id).execute())
				.as("the patched result is validated").isInstanceOf(UnprocessableEntityException.class);
		Device stored = client.read().resource(Device.class).withId(id).execute();
		assertThat(stored.getIdElement().getVersionIdPart()).isEqualTo("1");
		assertThat(stored.hasType()).isTrue();

		String rename = "[{\"op\":\"replace\",\"path\":\"/deviceName/0/name\",\"value\":\"" + name + "-2\"}]";
		MethodOutcome patched = client.patch().withBody(rename).withId(id).execute();
		assertThat(patched.getId().getVersionIdPart()).isEqualTo("2");
	}

	@Test
	void aTransactionWithOneInvalidEntryIsRejectedWholeNamingTheEntry() {
		String name = "tx-" + UUID.randomUUID();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(aiDevice(name + "-ok")).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Device");
		transaction.addEntry().setResource(aiDeviceWithoutType(name + "-bad")).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Device");
		assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(errors(outcomeOf(e)))
						.anySatisfy(issue -> assertThat(issue.getExpression())
								.anySatisfy(expression -> assertThat(expression.getValue()).startsWith("Bundle.entry[1].resource"))));
		assertThat(countDevices(name + "-ok")).as("nothing of a rejected transaction is stored").isZero();
		assertThat(countDevices(name + "-bad")).isZero();
	}

	@Test
	void aBatchRejectsOnlyTheInvalidEntry() {
		String name = "batch-" + UUID.randomUUID();
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().setResource(aiDevice(name + "-ok")).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Device");
		batch.addEntry().setResource(aiDeviceWithoutType(name + "-bad")).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Device");
		Bundle response = client.transaction().withBundle(batch).execute();
		assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
		assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("422");
		assertThat(countDevices(name + "-ok")).isOne();
		assertThat(countDevices(name + "-bad")).isZero();
	}

	@Test
	void warnStoresReportsTheIssuesWhenAskedAndTagsTheResource() {
		Observation noCode = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		noCode.addIdentifier().setSystem("urn:test:obs").setValue(UUID.randomUUID().toString());
		MethodOutcome outcome = client.create().resource(noCode).prefer(PreferReturnEnum.OPERATION_OUTCOME).execute();
		assertThat(outcome.getCreated()).isTrue();
		OperationOutcome reported = (OperationOutcome) outcome.getOperationOutcome();
		assertThat(errors(reported)).as("the WARN issues are in the OperationOutcome the client asked for")
				.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("Observation.code"));
		Observation stored = client.read().resource(Observation.class).withId(outcome.getId()).execute();
		assertThat(stored.getMeta().getTag(WARN_TAG_SYSTEM, "validation-issues")).isNotNull();
		Bundle tagged = client.search().forResource(Observation.class)
				.withTag(WARN_TAG_SYSTEM, "validation-issues").returnBundle(Bundle.class).execute();
		assertThat(tagged.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
				.contains(outcome.getId().getIdPart());

		Observation valid = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate")));
		Observation storedValid = (Observation) client.create().resource(valid).prefer(PreferReturnEnum.REPRESENTATION)
				.execute().getResource();
		assertThat(storedValid.getMeta().getTag(WARN_TAG_SYSTEM, "validation-issues")).isNull();
	}

	@Test
	void warnReportsEachTransactionEntrysIssuesInItsResponseOutcome() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(new Observation().setStatus(Observation.ObservationStatus.FINAL))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		Bundle response = client.transaction().withBundle(transaction).execute();
		Bundle.BundleEntryResponseComponent entry = response.getEntryFirstRep().getResponse();
		assertThat(entry.getStatus()).startsWith("201");
		assertThat(entry.getOutcome()).isInstanceOfSatisfying(OperationOutcome.class, outcome -> assertThat(errors(outcome))
				.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("Observation.code")));
	}

	@Test
	void shadowStoresSilentlyAndASourceRuleEnforcesForThatClientOnly() {
		Patient invalid = new Patient();
		invalid.addCommunication().setPreferred(true); // communication.language is required
		MethodOutcome shadow = client.create().resource(invalid).prefer(PreferReturnEnum.OPERATION_OUTCOME).execute();
		assertThat(shadow.getCreated()).isTrue();
		assertThat(errors((OperationOutcome) shadow.getOperationOutcome())).as("SHADOW tells the client nothing").isEmpty();

		assertThatThrownBy(() -> client.create().resource(invalid).withAdditionalHeader(SOURCE_HEADER, "strict-lab").execute())
				.isInstanceOf(UnprocessableEntityException.class);
	}

	@Test
	void dataQualityCountsWhatValidationFoundInEveryMode() {
		String source = "quality-probe-" + UUID.randomUUID().toString().substring(0, 8);
		Patient invalid = new Patient();
		invalid.addCommunication().setPreferred(true);
		Patient valid = new Patient();
		valid.addName().setFamily("Valid");
		client.create().resource(invalid).withAdditionalHeader(SOURCE_HEADER, source).execute();
		client.create().resource(valid).withAdditionalHeader(SOURCE_HEADER, source).execute();
		client.create().resource(valid).withAdditionalHeader(SOURCE_HEADER, source).execute();
		java.util.Map<String, long[]> counts = DataQualityReports.counts(DataQualityReports.report(client, "source", source));
		assertThat(counts.get("conformance-validation-errors")).as("{denominator, numerator}").containsExactly(3, 1);
		assertThat(counts.get("conformance-terminology-not-checkable")).containsExactly(3, 0);
	}

	@Test
	void dataQualityBreaksIssuesDownByMessageIdAndBrokenInvariantsByConstraintKey() {
		String source = "quality-breakdown-" + UUID.randomUUID().toString().substring(0, 8);
		Observation valueAndAbsentReason = new Observation();
		valueAndAbsentReason.setStatus(Observation.ObservationStatus.FINAL);
		valueAndAbsentReason.getCode().setText("heart rate");
		valueAndAbsentReason.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(70));
		valueAndAbsentReason.getDataAbsentReason().setText("not measured");
		client.create().resource(valueAndAbsentReason).withAdditionalHeader(SOURCE_HEADER, source).execute();

		org.hl7.fhir.r4.model.MeasureReport report = DataQualityReports.report(client, "source", source);

		assertThat(DataQualityReports.counts(report).get("conformance-invariant-failures")).containsExactly(1, 1);
		assertThat(DataQualityReports.strata(report, "conformance-invariant-failures", "failed-invariant"))
				.containsExactlyEntriesOf(java.util.Map.of("obs-6", 1L));
		java.util.Map<String, Long> issues =
				DataQualityReports.strata(report, "conformance-validation-errors", "validation-issue");
		assertThat(issues).containsEntry("error|invariant|http://hl7.org/fhir/StructureDefinition/Observation#obs-6", 1L);
		assertThat(issues.keySet()).allSatisfy(item -> assertThat(item)
				.matches("(fatal|error|warning|information)\\|[a-z-]+\\|\\S+")
				.doesNotContain("not measured"));
	}

	@Test
	void aRequiredProfileMustBeClaimed() {
		Patient unprofiled = new Patient();
		unprofiled.addName().setFamily("Registry");
		assertThatThrownBy(() -> client.create().resource(unprofiled).withAdditionalHeader(SOURCE_HEADER, "profiled-registry").execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(errors(outcomeOf(e)))
						.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("registry-patient")));
		assertThat(client.create().resource(unprofiled).execute().getCreated())
				.as("other sources are not bound by that rule").isTrue();
	}

	@Test
	void validateOperationGivesTheVerdictAWriteWouldGet() {
		assertThat(errors(validate(Device.class, aiDeviceWithoutType("validate-" + UUID.randomUUID()), null)))
				.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("Device.type"));
		assertThat(errors(validate(Device.class, aiDevice("validate-" + UUID.randomUUID()), null))).isEmpty();

		Patient unclaimed = new Patient();
		unclaimed.addName().setFamily("Unclaimed");
		assertThat(errors(validate(Patient.class, unclaimed, null))).isEmpty();
		assertThat(errors(validate(Patient.class, unclaimed, "profiled-registry")))
				.as("the source's required-profile rule applies to $validate too")
				.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("registry-patient"));
	}

	/** {@code $validate} answers 200 with the verdict in an OperationOutcome, as the FHIR operation defines. */
	OperationOutcome validate(Class<? extends org.hl7.fhir.r4.model.Resource> type, org.hl7.fhir.r4.model.Resource resource, String source) {
		Parameters in = new Parameters();
		in.addParameter().setName("resource").setResource(resource);
		var operation = client.operation().onType(type).named("$validate").withParameters(in).returnResourceType(OperationOutcome.class);
		if (source != null) {
			operation = operation.withAdditionalHeader(SOURCE_HEADER, source);
		}
		return (OperationOutcome) operation.execute();
	}

	@Test
	void theModulesOwnProvenanceAndDevicePassTheProfilesTheyClaim() {
		Observation note = new Observation().setStatus(Observation.ObservationStatus.PRELIMINARY)
				.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate")));
		MethodOutcome created = client.create().resource(note).withAdditionalHeader(SOURCE_HEADER, "scribe").execute();
		// The module stores its Provenance and Device with the system's authority: the write-time rule (ENFORCE for
		// Device and Provenance) is for clients' resources; $validate shows the module's conform all the same.
		assertThat(created.getCreated()).isTrue();
		Bundle provenances = client.search().forResource(Provenance.class)
				.where(Provenance.TARGET.hasId(created.getId().toUnqualifiedVersionless().getValue()))
				.returnBundle(Bundle.class).execute();
		assertThat(provenances.getEntry()).hasSize(1);
		Provenance provenance = (Provenance) provenances.getEntryFirstRep().getResource();
		assertThat(provenance.getMeta().hasProfile(AI_PROVENANCE)).isTrue();
		assertThat(errors(validate(Provenance.class, provenance, null))).isEmpty();
	}

	@Test
	void aStructureDefinitionStoredMomentsAgoIsUsedAtOnce() {
		String url = "http://fhir-aitrust.org/fhir/test/StructureDefinition/named-device-" + UUID.randomUUID();
		client.create().resource(profileRequiringDeviceSerialNumber(url)).execute();
		Device unnamed = aiDevice("stored-sd-" + UUID.randomUUID());
		unnamed.getMeta().addProfile(url);
		assertThatThrownBy(() -> client.create().resource(unnamed).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(errors(outcomeOf(e)))
						.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("Device.serialNumber")));
	}

	@Test
	void aPackageInstalledAtRunTimeIsUsedWithoutRestart() throws IOException {
		String url = "http://fhir-aitrust.org/fhir/test/StructureDefinition/packaged-device-" + UUID.randomUUID();
		Device claiming = aiDevice("package-" + UUID.randomUUID());
		claiming.getMeta().addProfile(url);
		assertThat(validate(Device.class, claiming, null).getIssue())
				.as("before installation the profile is unknown, a warning by default")
				.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains(url));

		byte[] tgz = npmPackage("aitrust.test.runtime" + Math.abs(url.hashCode()), profileRequiringDeviceSerialNumber(url));
		Parameters install = new Parameters();
		install.addParameter().setName("package").setValue(new Base64BinaryType(tgz));
		Parameters installed = client.operation().onServer().named("$aitrust-install-package").withParameters(install).execute();
		assertThat(installed.getParameterBool("installed")).isTrue();

		assertThatThrownBy(() -> client.create().resource(claiming).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(errors(outcomeOf(e)))
						.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("Device.serialNumber")));
		Parameters listed = client.operation().onServer().named("$aitrust-packages").withNoParameters(Parameters.class)
				.useHttpGet().execute();
		assertThat(listed.getParameter()).anySatisfy(p -> assertThat(p.getPart())
				.anySatisfy(part -> assertThat(part.getValue().primitiveValue()).isEqualTo("aitrust.test.runtime" + Math.abs(url.hashCode()))));

		Parameters notAPackage = new Parameters();
		notAPackage.addParameter().setName("package").setValue(new Base64BinaryType("not a package".getBytes(StandardCharsets.UTF_8)));
		assertThatThrownBy(() -> client.operation().onServer().named("$aitrust-install-package").withParameters(notAPackage).execute())
				.isInstanceOf(ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class);
	}

	@Test
	void aProfileWhoseBaseIsItselfGetsAClearAnswerNotAHang() {
		String url = "http://fhir-aitrust.org/fhir/test/StructureDefinition/loop-" + UUID.randomUUID();
		StructureDefinition loop = profileRequiringDeviceSerialNumber(url);
		loop.setBaseDefinition(url);
		loop.setSnapshot(null);
		try {
			client.create().resource(loop).execute();
		} catch (BaseServerResponseException e) {
			assertThat(e.getStatusCode()).isBetween(400, 499);
		}
		Device claiming = aiDevice("loop-" + UUID.randomUUID());
		claiming.getMeta().addProfile(url);
		try {
			client.create().resource(claiming).execute();
		} catch (BaseServerResponseException e) {
			assertThat(e.getStatusCode()).as(e.getMessage()).isBetween(400, 499);
			assertThat(e.getOperationOutcome()).isNotNull();
		}
		assertThat(client.capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute()).isNotNull();
	}

	/** A Device profile (differential only) that makes serialNumber required. */
	static StructureDefinition profileRequiringDeviceSerialNumber(String url) {
		StructureDefinition profile = new StructureDefinition();
		profile.setUrl(url);
		profile.setName("TestDevice");
		profile.setStatus(Enumerations.PublicationStatus.ACTIVE);
		profile.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
		profile.setKind(StructureDefinition.StructureDefinitionKind.RESOURCE);
		profile.setAbstract(false);
		profile.setType("Device");
		profile.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Device");
		profile.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
		ElementDefinition serial = profile.getDifferential().addElement();
		serial.setId("Device.serialNumber");
		serial.setPath("Device.serialNumber");
		serial.setMin(1);
		return profile;
	}

	/** A FHIR NPM package (.tgz) holding one StructureDefinition, as an IG publisher would lay it out. */
	static byte[] npmPackage(String name, StructureDefinition profile) throws IOException {
		String packageJson = "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"fhirVersions\":[\"4.0.1\"],"
				+ "\"dependencies\":{\"hl7.fhir.r4.core\":\"4.0.1\"}}";
		String sd = FhirTestClients.fhirContext().newJsonParser().encodeResourceToString(profile);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
			addEntry(tar, "package/package.json", packageJson);
			addEntry(tar, "package/StructureDefinition-test.json", sd);
		}
		return bytes.toByteArray();
	}

	private static void addEntry(TarArchiveOutputStream tar, String path, String content) throws IOException {
		byte[] data = content.getBytes(StandardCharsets.UTF_8);
		TarArchiveEntry entry = new TarArchiveEntry(path);
		entry.setSize(data.length);
		tar.putArchiveEntry(entry);
		tar.write(data);
		tar.closeArchiveEntry();
	}
}
