package org.aitrust.server;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;

/** What the provenance tests write and read as a client would: AI-written Observations, Devices, reviewers. */
final class AiWrites {

	static final String AIAST_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
	static final String DEVICE_TYPES = "http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIdeviceTypeCS";

	private AiWrites() {}

	static Observation observation(String text) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4").setDisplay("Heart rate");
		observation.getCode().setText(text);
		observation.setEffective(new DateTimeType("2026-11-20T09:30:00Z"));
		return observation;
	}

	static Observation labelled(Observation observation) {
		observation.getMeta().addSecurity(AIAST_SYSTEM, "AIAST", "Artificial Intelligence asserted");
		return observation;
	}

	/** A Device a client stores itself for its AI system, to name it in {@code X-Provenance}. */
	static Device clientDevice(String name) {
		Device device = new Device();
		device.addDeviceName().setName(name).setType(Device.DeviceNameType.MODELNAME);
		device.getType().addCoding().setSystem(DEVICE_TYPES).setCode("Artificial-Intelligence");
		return device;
	}

	static Practitioner practitioner() {
		Practitioner practitioner = new Practitioner();
		practitioner.addName().setFamily("Reviewer").addGiven("Dana");
		return practitioner;
	}

	/** The AI agent of an AI-Provenance: the agent whose role is the AI device type. */
	static Provenance.ProvenanceAgentComponent aiAgentOf(Provenance provenance) {
		return provenance.getAgent().stream()
				.filter(a -> a.getRole().stream().anyMatch(r -> DEVICE_TYPES.equals(r.getCodingFirstRep().getSystem())))
				.findFirst().orElseThrow();
	}

	/** The ids on the {@code $ai-unreviewed} worklist of Observations, every page of it. */
	static List<String> unreviewedObservationIds(IGenericClient client) {
		Bundle bundle = client.operation().onServer().named("$ai-unreviewed")
				.withParameter(Parameters.class, "type", new CodeType("Observation"))
				.andParameter("_count", new IntegerType(500))
				.useHttpGet().returnResourceType(Bundle.class).execute();
		List<String> ids = new ArrayList<>();
		while (true) {
			bundle.getEntry().stream()
					.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
					.map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
					.forEach(ids::add);
			if (bundle.getLink(Bundle.LINK_NEXT) == null) {
				return ids;
			}
			bundle = client.loadPage().next(bundle).execute();
		}
	}
}
