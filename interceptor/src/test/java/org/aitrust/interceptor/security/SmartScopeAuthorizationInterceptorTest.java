package org.aitrust.interceptor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aitrust.interceptor.oversight.AiOversightProvider;
import org.aitrust.interceptor.provenance.AiReviewProvider;
import org.aitrust.interceptor.quality.DataQualityProvider;
import org.aitrust.interceptor.validation.IgPackageProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;

/**
 * The rules built from scopes, as HAPI's {@code AuthorizationInterceptor} itself decides sample requests with them:
 * each check is the call HAPI makes at the named stage of a request.
 */
class SmartScopeAuthorizationInterceptorTest {

	private static final RestfulServer SERVER = new RestfulServer(FhirContext.forR4Cached());

	@Test
	void aCreateScopeCreatesItsTypeOnly() {
		Caller caller = new Caller(Set.of("system/Observation.c"), null);

		assertThat(caller.writes(RestOperationTypeEnum.CREATE, observationOf("1"))).isEqualTo(PolicyEnum.ALLOW);
		assertThat(caller.writes(RestOperationTypeEnum.CREATE, new Patient())).isEqualTo(PolicyEnum.DENY);
		assertThat(caller.writes(RestOperationTypeEnum.UPDATE, stored(observationOf("1"), "Observation/7")))
				.isEqualTo(PolicyEnum.DENY);
	}

	@Test
	void anUpdateScopeUpdatesButDoesNotCreate() {
		Caller caller = new Caller(Set.of("user/Observation.u"), null);

		assertThat(caller.writes(RestOperationTypeEnum.UPDATE, stored(observationOf("1"), "Observation/7")))
				.isEqualTo(PolicyEnum.ALLOW);
		assertThat(caller.writes(RestOperationTypeEnum.CREATE, observationOf("1"))).isEqualTo(PolicyEnum.DENY);
		assertThat(caller.incoming(RestOperationTypeEnum.PATCH, "Observation", new IdType("Observation/7")))
				.as("patch passes the incoming check; the patched result is checked as an update")
				.isEqualTo(PolicyEnum.ALLOW);
	}

	@Test
	void aDeleteScopeDeletesItsType() {
		Caller caller = new Caller(Set.of("system/Observation.d"), null);

		assertThat(caller.incoming(RestOperationTypeEnum.DELETE, "Observation", new IdType("Observation/7")))
				.isEqualTo(PolicyEnum.ALLOW);
		assertThat(caller.incoming(RestOperationTypeEnum.DELETE, "Patient", new IdType("Patient/7")))
				.isEqualTo(PolicyEnum.DENY);
	}

	@Test
	void readAndSearchAreToldApartByTheKindOfRequest() {
		Caller reader = new Caller(Set.of("system/Observation.r"), null);
		Caller searcher = new Caller(Set.of("system/Observation.s"), null);

		assertThat(reader.incoming(RestOperationTypeEnum.READ, "Observation", new IdType("Observation/7")))
				.isEqualTo(PolicyEnum.ALLOW);
		assertThat(reader.incoming(RestOperationTypeEnum.SEARCH_TYPE, "Observation", null)).isEqualTo(PolicyEnum.DENY);
		assertThat(searcher.incoming(RestOperationTypeEnum.SEARCH_TYPE, "Observation", null)).isEqualTo(PolicyEnum.ALLOW);
		assertThat(searcher.incoming(RestOperationTypeEnum.READ, "Observation", new IdType("Observation/7")))
				.isEqualTo(PolicyEnum.DENY);
	}

	@Test
	void theWildcardTypeCoversEveryType() {
		Caller caller = new Caller(Set.of("user/*.rs"), null);

		assertThat(caller.shown(RestOperationTypeEnum.READ, stored(new Patient(), "Patient/3"))).isEqualTo(PolicyEnum.ALLOW);
		assertThat(caller.shown(RestOperationTypeEnum.SEARCH_TYPE, stored(observationOf("3"), "Observation/4")))
				.isEqualTo(PolicyEnum.ALLOW);
		assertThat(caller.writes(RestOperationTypeEnum.CREATE, new Patient())).isEqualTo(PolicyEnum.DENY);
	}

	@Test
	void aPatientScopeReachesOnlyThatPatientsCompartment() {
		Caller caller = new Caller(Set.of("patient/Observation.crs", "patient/Patient.rs"), "123");

		assertThat(caller.shown(RestOperationTypeEnum.READ, stored(observationOf("123"), "Observation/1")))
				.isEqualTo(PolicyEnum.ALLOW);
		assertThat(caller.shown(RestOperationTypeEnum.READ, stored(observationOf("456"), "Observation/2")))
				.isEqualTo(PolicyEnum.DENY);
		assertThat(caller.incoming(RestOperationTypeEnum.READ, "Patient", new IdType("Patient/123")))
				.isEqualTo(PolicyEnum.ALLOW);
		assertThat(caller.incoming(RestOperationTypeEnum.READ, "Patient", new IdType("Patient/456")))
				.isEqualTo(PolicyEnum.DENY);
		assertThat(caller.writes(RestOperationTypeEnum.CREATE, observationOf("123"))).isEqualTo(PolicyEnum.ALLOW);
		assertThat(caller.writes(RestOperationTypeEnum.CREATE, observationOf("456"))).isEqualTo(PolicyEnum.DENY);
	}

	@Test
	void aPatientScopeWithoutAPatientInTheTokenGrantsNothing() {
		Caller caller = new Caller(Set.of("patient/*.cruds"), null);

		assertThat(caller.writes(RestOperationTypeEnum.CREATE, observationOf("123"))).isEqualTo(PolicyEnum.DENY);
		assertThat(caller.incoming(RestOperationTypeEnum.READ, "Patient", new IdType("Patient/123")))
				.isEqualTo(PolicyEnum.DENY);
	}

	@Test
	void aQueryRestrictedScopeGrantsNothing() {
		Caller caller = new Caller(Set.of("system/Observation.rs?category=laboratory"), null);

		assertThat(caller.incoming(RestOperationTypeEnum.SEARCH_TYPE, "Observation", null)).isEqualTo(PolicyEnum.DENY);
	}

	@Test
	void aTransactionIsAllowedOnlyWhenEveryEntryIs() {
		Caller caller = new Caller(Set.of("system/Observation.c"), null);
		Bundle observations = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		observations.addEntry().setResource(observationOf("1")).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		Bundle withPatient = observations.copy();
		withPatient.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");

		assertThat(caller.incomingBundle(observations)).isEqualTo(PolicyEnum.ALLOW);
		assertThat(caller.incomingBundle(withPatient)).isEqualTo(PolicyEnum.DENY);
		assertThat(caller.incomingBundle(withPatient.setType(Bundle.BundleType.BATCH))).isEqualTo(PolicyEnum.DENY);
	}

	@Test
	void eachModuleOperationNeedsItsScope() {
		Caller reports = new Caller(Set.of("aitrust/reports"), null);
		Caller reviewer = new Caller(Set.of("aitrust/review"), null);
		Caller admin = new Caller(Set.of("aitrust/admin"), null);

		assertThat(reports.operation(DataQualityProvider.OPERATION, null)).isEqualTo(PolicyEnum.ALLOW);
		assertThat(reports.operation(AiOversightProvider.OPERATION, null)).isEqualTo(PolicyEnum.ALLOW);
		assertThat(reports.operation(IgPackageProvider.INSTALL, null)).isEqualTo(PolicyEnum.DENY);
		assertThat(reports.operation(AiReviewProvider.UNREVIEWED, null)).isEqualTo(PolicyEnum.DENY);
		assertThat(reviewer.operation(AiReviewProvider.UNREVIEWED, null)).isEqualTo(PolicyEnum.ALLOW);
		assertThat(reviewer.operation(AiReviewProvider.REVIEW, new IdType("Observation/7"))).isEqualTo(PolicyEnum.ALLOW);
		assertThat(reviewer.operation(DataQualityProvider.OPERATION, null)).isEqualTo(PolicyEnum.DENY);
		assertThat(admin.operation(IgPackageProvider.INSTALL, null)).isEqualTo(PolicyEnum.ALLOW);
		assertThat(admin.operation(AiReviewProvider.REVIEW, new IdType("Observation/7")))
				.as("an administrator may review on a clinician's behalf").isEqualTo(PolicyEnum.ALLOW);
		assertThat(new Caller(Set.of("system/*.cruds"), null).operation(DataQualityProvider.OPERATION, null))
				.as("clinical scopes grant no module operation").isEqualTo(PolicyEnum.DENY);
	}

	@Test
	void theModuleScopesAreConfigurable() {
		SmartScopeAuthorizationInterceptor entraStyle = new SmartScopeAuthorizationInterceptor(
				new FixedScopes(Set.of("AiTrust.Reports"), null), new ModuleScopes("AiTrust.Admin", "AiTrust.Review", "AiTrust.Reports"));
		RequestDetails request = request(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, null);
		request.setOperation(DataQualityProvider.OPERATION);

		assertThat(entraStyle.applyRulesAndReturnDecision(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, request, null,
				null, null, Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED).getDecision()).isEqualTo(PolicyEnum.ALLOW);
	}

	@Test
	void onlyAnAdministratorMayCreateChangeOrDeleteASubscription() {
		Caller agent = new Caller(Set.of("system/*.cruds"), null);
		Caller administrator = new Caller(Set.of("system/*.cruds", "aitrust/admin"), null);
		Subscription subscription = new Subscription();

		assertThat(agent.writes(RestOperationTypeEnum.CREATE, subscription)).isEqualTo(PolicyEnum.DENY);
		assertThat(agent.writes(RestOperationTypeEnum.UPDATE, stored(new Subscription(), "Subscription/7")))
				.isEqualTo(PolicyEnum.DENY);
		assertThat(agent.incoming(RestOperationTypeEnum.DELETE, "Subscription", new IdType("Subscription/7")))
				.isEqualTo(PolicyEnum.DENY);
		assertThat(agent.writes(RestOperationTypeEnum.CREATE, observationOf("1")))
				.as("other types keep what the clinical scope grants").isEqualTo(PolicyEnum.ALLOW);
		assertThat(agent.shown(RestOperationTypeEnum.READ, stored(new Subscription(), "Subscription/7")))
				.as("reading Subscriptions stays with the clinical scopes").isEqualTo(PolicyEnum.ALLOW);
		assertThat(administrator.writes(RestOperationTypeEnum.CREATE, new Subscription())).isEqualTo(PolicyEnum.ALLOW);
		assertThat(administrator.incoming(RestOperationTypeEnum.DELETE, "Subscription", new IdType("Subscription/7")))
				.isEqualTo(PolicyEnum.ALLOW);
		assertThat(new Caller(Set.of("aitrust/admin"), null).writes(RestOperationTypeEnum.CREATE, new Subscription()))
				.as("the admin scope adds a restriction, it grants no clinical write").isEqualTo(PolicyEnum.DENY);
	}

	@Test
	void theCapabilityStatementIsOpenToEveryAuthenticatedCaller() {
		assertThat(new Caller(Set.of(), null).incoming(RestOperationTypeEnum.METADATA, null, null))
				.isEqualTo(PolicyEnum.ALLOW);
	}

	@Test
	void aRequestWithoutCredentialsIsUnauthenticated() {
		SmartScopeAuthorizationInterceptor interceptor = new SmartScopeAuthorizationInterceptor(new ScopeSource() {
			@Override
			public boolean authenticated(RequestDetails request) {
				return false;
			}

			@Override
			public Set<String> scopes(RequestDetails request) {
				return Set.of();
			}

			@Override
			public Optional<String> patient(RequestDetails request) {
				return Optional.empty();
			}
		}, ModuleScopes.DEFAULTS);

		assertThatThrownBy(() -> interceptor.buildRuleList(request(RestOperationTypeEnum.SEARCH_TYPE, "Patient", null)))
				.isInstanceOf(AuthenticationException.class)
				.satisfies(e -> assertThat(((AuthenticationException) e).getResponseHeaders())
						.containsEntry("WWW-Authenticate", List.of("Bearer")));
		assertThat(interceptor.buildRuleList(request(RestOperationTypeEnum.METADATA, null, null)))
				.as("the CapabilityStatement stays public: SMART clients read the OAuth URIs in it first").hasSize(1);
	}

	private static Observation observationOf(String patientId) {
		Observation observation = new Observation();
		observation.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patientId));
		return observation;
	}

	private static <T extends IBaseResource> T stored(T resource, String id) {
		resource.setId(new IdType(id));
		return resource;
	}

	private static RequestDetails request(RestOperationTypeEnum operation, String resourceName, IdType id) {
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServer(SERVER);
		request.setRestOperationType(operation);
		request.setResourceName(resourceName);
		request.setId(id);
		request.setRequestType(RequestTypeEnum.GET);
		request.setParameters(Map.of());
		return request;
	}

	private record FixedScopes(Set<String> granted, String patientId) implements ScopeSource {
		@Override
		public boolean authenticated(RequestDetails request) {
			return true;
		}

		@Override
		public Set<String> scopes(RequestDetails request) {
			return granted;
		}

		@Override
		public Optional<String> patient(RequestDetails request) {
			return Optional.ofNullable(patientId);
		}
	}

	/** A caller with these scopes, and the decisions HAPI makes for it; each check is a request of its own. */
	private record Caller(Set<String> scopes, String patient) {

		SmartScopeAuthorizationInterceptor interceptor() {
			return new SmartScopeAuthorizationInterceptor(new FixedScopes(scopes, patient), ModuleScopes.DEFAULTS);
		}

		/** {@code SERVER_INCOMING_REQUEST_PRE_HANDLED}: the request before HAPI handles it. */
		PolicyEnum incoming(RestOperationTypeEnum operation, String resourceName, IdType id) {
			RequestDetails request = request(operation, resourceName, id);
			return interceptor().applyRulesAndReturnDecision(operation, request, null, id, null,
					Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED).getDecision();
		}

		PolicyEnum incomingBundle(Bundle bundle) {
			RequestDetails request = request(RestOperationTypeEnum.TRANSACTION, null, null);
			request.setResource(bundle);
			return interceptor().applyRulesAndReturnDecision(RestOperationTypeEnum.TRANSACTION, request, bundle, null,
					null, Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED).getDecision();
		}

		/** {@code STORAGE_PRESTORAGE_RESOURCE_*}: a resource about to be stored. */
		PolicyEnum writes(RestOperationTypeEnum operation, IBaseResource resource) {
			String type = SERVER.getFhirContext().getResourceType(resource);
			RequestDetails request = request(operation, type, null);
			return interceptor().applyRulesAndReturnDecision(operation, request, resource, resource.getIdElement(), null,
					Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED).getDecision();
		}

		/** {@code STORAGE_PRESHOW_RESOURCES}: a resource about to be returned by a read or search. */
		PolicyEnum shown(RestOperationTypeEnum operation, IBaseResource resource) {
			RequestDetails request = request(operation, SERVER.getFhirContext().getResourceType(resource), null);
			return interceptor().applyRulesAndReturnDecision(operation, request, null, null, resource,
					Pointcut.STORAGE_PRESHOW_RESOURCES).getDecision();
		}

		PolicyEnum operation(String name, IdType instance) {
			RestOperationTypeEnum operation = instance == null ? RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
					: RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE;
			RequestDetails request = request(operation, instance == null ? null : instance.getResourceType(), instance);
			request.setOperation(name);
			return interceptor().applyRulesAndReturnDecision(operation, request, null, instance, null,
					Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED).getDecision();
		}
	}
}
