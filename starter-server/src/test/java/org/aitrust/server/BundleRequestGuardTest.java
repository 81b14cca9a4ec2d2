package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BundleRequestGuardTest {

	private final BundleRequestGuard guard = new BundleRequestGuard(3);

	@ParameterizedTest
	@EnumSource(value = Bundle.BundleType.class, names = {"TRANSACTION", "BATCH"})
	void aBundleAtTheLimitPassesAndOneEntryMoreGets413NamingTheSetting(Bundle.BundleType type) {
		RestOperationTypeEnum operation = type == Bundle.BundleType.BATCH
				? RestOperationTypeEnum.BATCH : RestOperationTypeEnum.TRANSACTION;

		assertThatCode(() -> guard.serverIncomingRequestPreHandled(request(patients(type, 3)), operation))
				.doesNotThrowAnyException();
		assertThatThrownBy(() -> guard.serverIncomingRequestPreHandled(request(patients(type, 4)), operation))
				.isInstanceOf(PayloadTooLargeException.class)
				.hasMessageContaining("4 entries")
				.hasMessageContaining("at most 3")
				.hasMessageContaining("aitrust.server.max-bundle-entries");
	}

	@Test
	void otherOperationsAreNotCounted() {
		assertThatCode(() -> guard.serverIncomingRequestPreHandled(
						request(patients(Bundle.BundleType.COLLECTION, 10)), RestOperationTypeEnum.CREATE))
				.doesNotThrowAnyException();
	}

	@Test
	void aPostEntryWhoseUrlNamesAnotherTypeGets400NamingTheEntry() {
		Bundle bundle = patients(Bundle.BundleType.TRANSACTION, 1);
		entry(bundle, new Observation(), Bundle.HTTPVerb.POST, "Patient");

		assertThatThrownBy(() -> guard.serverIncomingRequestPreHandled(request(bundle), RestOperationTypeEnum.TRANSACTION))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("Bundle.entry[1]")
				.hasMessageContaining("Patient")
				.hasMessageContaining("Observation");
	}

	@Test
	void entriesWhoseUrlNamesNoOtherTypeAreLeftToHapi() {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCH);
		entry(bundle, new Parameters(), Bundle.HTTPVerb.POST, "Patient/$validate");
		entry(bundle, new Patient(), Bundle.HTTPVerb.POST, "http://example.org/fhir/Patient");
		entry(bundle, new Patient(), Bundle.HTTPVerb.POST, "Patient?identifier=a|b");
		entry(bundle, new Parameters(), Bundle.HTTPVerb.PATCH, "Patient/1");

		assertThatCode(() -> new BundleRequestGuard(10).serverIncomingRequestPreHandled(request(bundle), RestOperationTypeEnum.BATCH))
				.doesNotThrowAnyException();
	}

	private static Bundle patients(Bundle.BundleType type, int count) {
		Bundle bundle = new Bundle().setType(type);
		for (int i = 0; i < count; i++) {
			entry(bundle, new Patient(), Bundle.HTTPVerb.POST, "Patient");
		}
		return bundle;
	}

	private static void entry(Bundle bundle, Resource resource, Bundle.HTTPVerb method, String url) {
		bundle.addEntry().setResource(resource).getRequest().setMethod(method).setUrl(url);
	}

	private static SystemRequestDetails request(Bundle bundle) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setResource(bundle);
		return request;
	}
}
