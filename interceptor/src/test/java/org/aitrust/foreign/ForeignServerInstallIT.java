package org.aitrust.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import javax.sql.DataSource;
import org.aitrust.interceptor.installation.AiTrustInstallation;
import org.aitrust.interceptor.provenance.UnreviewedWorklistBackfill;
import org.aitrust.interceptor.store.ModuleTables;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The module installs into a HAPI JPA server that is not the starter server: its jar on the classpath and
 * a couple of properties are enough for its operation to appear and its interceptors to be registered. The server
 * keeps its own authentication, and the module reads the caller from it.
 */
@SpringBootTest(
		classes = MinimalHapiJpaServer.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"spring.main.allow-circular-references=true",
			"spring.flyway.enabled=false",
			// Spring Security is on the test classpath (for SmartScopesIT); this hospital runs without it
			"spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
			"aitrust.provenance.enabled=true",
			// a gateway the test does not send from: the test's own X-AI-Agent is an untrusted client's
			"aitrust.identity.trusted-proxies=10.255.255.1/32",
			"aitrust.provenance.agents[0].id=radiology-summarizer",
			"aitrust.provenance.agents[0].model-name=RadSum",
			"aitrust.provenance.agents[0].model-version=2.1.0",
			"aitrust.provenance.agents[0].manufacturer=Example Health AI"
		})
@IsolatedDatabase
class ForeignServerInstallIT {

	private static final String AIAST_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

	@LocalServerPort
	int port;

	@Autowired
	RestfulServer hospitalFhirServer;

	@Autowired
	AiTrustInstallation installation;

	@Autowired
	UnreviewedWorklistBackfill backfill;

	@Autowired
	DataSource dataSource;

	@Test
	void theModuleOperationIsListedInTheForeignServersCapabilityStatement() {
		IGenericClient client = FhirTestClients.forPort(port);

		CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();

		assertThat(capabilities.getRestFirstRep().getOperation())
				.extracting(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName)
				.contains("aitrust-status");
	}

	@Test
	void theStatusOperationReportsTheEnabledCapabilityAndItsInterceptors() {
		IGenericClient client = FhirTestClients.forPort(port);

		Parameters status = client.operation().onServer().named("$aitrust-status")
				.withNoParameters(Parameters.class).useHttpGet().execute();

		Parameters.ParametersParameterComponent provenance = status.getParameters("capability").stream()
				.filter(c -> "provenance".equals(c.getPart().get(0).getValue().primitiveValue()))
				.findFirst().orElseThrow();
		assertThat(provenance.getPart().get(1).getValue().primitiveValue()).isEqualTo("true");
		assertThat(status.getParameters("interceptor")).extracting(p -> p.getValue().primitiveValue())
				.containsExactlyElementsOf(installation.interceptorNames());
	}

	@Test
	void theModuleInterceptorsAreRegisteredOnTheForeignRestfulServer() {
		assertThat(installation.interceptors()).isNotEmpty();
		assertThat(hospitalFhirServer.getInterceptorService().getAllRegisteredInterceptors())
				.containsAll(installation.interceptors());
	}

	@Test
	void aiWritesStoredBeforeTheWorklistExistedArePutOnItOnceByTheBackfillAndAReviewedOneIsNot() {
		IGenericClient anonymous = FhirTestClients.forPort(port);
		IGenericClient agent = FhirTestClients.forPort(port);
		agent.registerInterceptor(new BasicAuthInterceptor(ContainerAuthentication.ACCOUNT, ContainerAuthentication.PASSWORD));
		IIdType patient = anonymous.create().resource(new Patient().addName(new HumanName().setFamily("Ek")))
				.execute().getId().toUnqualifiedVersionless();
		IIdType unreviewed = agent.create().resource(new Observation().setStatus(Observation.ObservationStatus.PRELIMINARY)
				.setSubject(new Reference(patient.getValue()))).execute().getId().toUnqualifiedVersionless();
		IIdType updated = agent.create().resource(new Observation().setStatus(Observation.ObservationStatus.PRELIMINARY))
				.execute().getId().toUnqualifiedVersionless();
		agent.update().resource(new Observation().setStatus(Observation.ObservationStatus.FINAL).setId(updated))
				.execute();
		IIdType reviewed = agent.create().resource(new Observation().setStatus(Observation.ObservationStatus.PRELIMINARY))
				.execute().getId().toUnqualifiedVersionless();
		IIdType reviewer = anonymous.create().resource(new Practitioner().addName(new HumanName().setFamily("Holm")))
				.execute().getId().toUnqualifiedVersionless();
		anonymous.operation().onInstance(reviewed).named("$ai-review").withParameters(new Parameters()
						.addParameter("reviewer", new Reference(reviewer.getValue()))
						.addParameter("outcome", new CodeType("verified")))
				.returnResourceType(Provenance.class).execute();
		// as a database written by a build before the worklist (V6) and the backfill (V8) finds it
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.update("DELETE FROM " + ModuleTables.AI_UNREVIEWED);
		jdbc.update("DELETE FROM " + ModuleTables.WORKLIST_BACKFILL);
		assertThat(unreviewedKeys(anonymous)).isEmpty();

		assertThat(backfill.backfillOnce()).isTrue();

		assertThat(unreviewedKeys(anonymous)).contains(unreviewed.getValue(), updated.getValue())
				.doesNotContain(reviewed.getValue(), patient.getValue(), reviewer.getValue());
		assertThat(jdbc.queryForObject("SELECT VERSION_ID FROM " + ModuleTables.AI_UNREVIEWED + " WHERE RESOURCE_KEY = ?",
				Long.class, updated.getValue())).as("the current version").isEqualTo(2L);
		assertThat(jdbc.queryForObject("SELECT PATIENT FROM " + ModuleTables.AI_UNREVIEWED + " WHERE RESOURCE_KEY = ?",
				String.class, unreviewed.getValue())).isEqualTo(patient.getValue());
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + ModuleTables.WORKLIST_BACKFILL, Integer.class))
				.isEqualTo(1);

		jdbc.update("DELETE FROM " + ModuleTables.AI_UNREVIEWED);
		assertThat(backfill.backfillOnce()).isTrue();
		assertThat(unreviewedKeys(anonymous)).as("once marked, it never runs again").isEmpty();
	}

	private static List<String> unreviewedKeys(IGenericClient client) {
		Bundle page = client.operation().onServer().named("$ai-unreviewed")
				.withParameters(new Parameters().addParameter("_count", new IntegerType(500)))
				.useHttpGet().returnResourceType(Bundle.class).execute();
		return page.getEntry().stream().filter(entry -> entry.getResource() instanceof Observation
						|| entry.getResource() instanceof Patient || entry.getResource() instanceof Practitioner)
				.map(entry -> entry.getResource().getIdElement().toUnqualifiedVersionless().getValue())
				.toList();
	}

	@Test
	void theForeignServerStillStoresResources() {
		IGenericClient client = FhirTestClients.forPort(port);
		Patient patient = new Patient();
		patient.addName().setFamily("Lindqvist");

		String id = client.create().resource(patient).execute().getId().getIdPart();

		assertThat(client.read().resource(Patient.class).withId(id).execute().getNameFirstRep().getFamily())
				.isEqualTo("Lindqvist");
	}

	@Test
	void theCallerIsWhoTheHostsOwnAuthenticationSaysAndAnAgentHeaderFromAnUntrustedPeerIsRefused() {
		IGenericClient agent = FhirTestClients.forPort(port);
		agent.registerInterceptor(new BasicAuthInterceptor(ContainerAuthentication.ACCOUNT, ContainerAuthentication.PASSWORD));
		Observation finding = new Observation();
		finding.setStatus(Observation.ObservationStatus.PRELIMINARY);
		finding.getCode().setText("Impression");

		IIdType id = agent.create().resource(finding).execute().getId();

		Observation stored = FhirTestClients.forPort(port).read().resource(Observation.class).withId(id).execute();
		assertThat(stored.getMeta().getSecurity(AIAST_SYSTEM, "AIAST"))
				.as("the authenticated principal is the registered agent: an AI write").isNotNull();
		assertThatThrownBy(() -> FhirTestClients.forPort(port).create().resource(new Observation().setStatus(
						Observation.ObservationStatus.FINAL))
				.withAdditionalHeader("X-AI-Agent", ContainerAuthentication.ACCOUNT).execute())
				.isInstanceOf(ForbiddenOperationException.class)
				.hasMessageContaining("only accepted from a trusted proxy");
	}

	@Test
	void inAServerWithoutTheModulesSecurityTheAiLabelRulesHoldAndModuleProvenanceBlocksNoDelete() {
		IGenericClient anonymous = FhirTestClients.forPort(port);
		IGenericClient agent = FhirTestClients.forPort(port);
		agent.registerInterceptor(new BasicAuthInterceptor(ContainerAuthentication.ACCOUNT, ContainerAuthentication.PASSWORD));
		IIdType aiWrite = agent.create().resource(new Observation().setStatus(Observation.ObservationStatus.PRELIMINARY))
				.execute().getId().toUnqualifiedVersionless();
		IIdType reviewer = anonymous.create().resource(new Practitioner().addName(new HumanName().setFamily("Berg")))
				.execute().getId().toUnqualifiedVersionless();
		anonymous.operation().onInstance(aiWrite).named("$ai-review").withParameters(new Parameters()
						.addParameter("reviewer", new Reference(reviewer.getValue()))
						.addParameter("outcome", new CodeType("verified")))
				.returnResourceType(Provenance.class).execute();
		IIdType clinicians = anonymous.create().resource(new Observation().setStatus(Observation.ObservationStatus.FINAL))
				.execute().getId().toUnqualifiedVersionless();

		assertThatThrownBy(() -> anonymous.meta().add().onResource(clinicians)
						.meta(new Meta().addSecurity(AIAST_SYSTEM, "AIAST", null)).execute())
				.isInstanceOf(UnprocessableEntityException.class)
				.hasMessageContaining("$meta-add may not add the AI label");
		assertThat(anonymous.read().resource(Observation.class).withId(clinicians).execute().getMeta().getSecurity()).isEmpty();

		anonymous.delete().resourceById(reviewer).execute(); // only the module's review Provenance names the reviewer
		agent.delete().resourceById(aiWrite).execute();

		assertThatThrownBy(() -> anonymous.read().resource(Practitioner.class).withId(reviewer).execute())
				.isInstanceOf(ResourceGoneException.class);
		Bundle moduleProvenance = anonymous.search().forResource(Provenance.class)
				.withTag("http://fhir-aitrust.org/CodeSystem/aitrust-tag", "module-written")
				.count(200).returnBundle(Bundle.class).execute();
		assertThat(moduleProvenance.getEntry()).map(entry -> (Provenance) entry.getResource())
				.filteredOn(provenance -> "DELETE".equals(provenance.getActivity().getCodingFirstRep().getCode()))
				.singleElement().satisfies(delete -> {
					assertThat(delete.getTargetFirstRep().getReference()).isEqualTo(aiWrite.getValue() + "/_history/1");
					assertThat(delete.getAgentFirstRep().getWho().getIdentifier().getValue())
							.isEqualTo(ContainerAuthentication.ACCOUNT);
				});
	}
}
