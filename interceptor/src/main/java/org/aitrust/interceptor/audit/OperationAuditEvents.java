package org.aitrust.interceptor.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.util.UrlUtil;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;

/**
 * The AuditEvents of module operations HAPI's BALP interceptor does not audit itself (it audits the RESTful
 * interactions: create, update, delete, read, search). Each conforms to the BALP profile of what the operation does,
 * taken from HAPI's {@link BalpProfileEnum} (its canonical, action and agent types), with the agents from the same
 * {@link IBalpAuditContextServices} the BALP interceptor uses:
 * <ul>
 *   <li>a report read ({@code $data-quality}, {@code $ai-oversight}, {@code $ai-unreviewed}) is a Query (action E),
 *       the request in a query entity; a PatientQuery with the patient entity when it names a {@code patient};
 *   <li>a package install is a Create (action C) whose data entity names the package by its NPM id; the start of a
 *       stored-data run likewise names its Batch2 job.
 * </ul>
 * The subtype is the restful-interaction code {@code operation}, and the operation's name is the query entity's
 * description or the data entity's.
 */
final class OperationAuditEvents {

	static final String REQUEST_ID_ENTITY_TYPE_SYSTEM = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
	static final String PACKAGE_ID_SYSTEM = "http://fhir-aitrust.org/NamingSystem/fhir-package";
	static final String BATCH_JOB_SYSTEM = "http://fhir-aitrust.org/NamingSystem/batch2-job";

	private final IBalpAuditContextServices context;
	private final Clock clock;

	OperationAuditEvents(IBalpAuditContextServices context, Clock clock) {
		this.context = context;
		this.clock = clock;
	}

	/** A report read, as BALP's Query, or PatientQuery for {@code patient} (a {@code Patient/id} or an id). */
	AuditEvent reportRead(RequestDetails request, String patient) {
		BalpProfileEnum profile = patient == null ? BalpProfileEnum.BASIC_QUERY : BalpProfileEnum.PATIENT_QUERY;
		AuditEvent event = common(request, profile);
		AuditEvent.AuditEventEntityComponent query = event.addEntity();
		query.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
				.setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT)
				.setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY);
		query.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_24_QUERY)
				.setDisplay("Query");
		query.setDescription(request.getRequestType().name() + " " + request.getCompleteUrl());
		query.setQuery(queryString(request).getBytes(StandardCharsets.UTF_8));
		if (patient != null) {
			String reference = patient.contains("/") ? patient : "Patient/" + patient;
			AuditEvent.AuditEventEntityComponent entity = event.addEntity();
			entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
					.setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON)
					.setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY);
			entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_1_PATIENT)
					.setDisplay(BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY);
			entity.getWhat().setReference(AuditAgents.absolute(request.getFhirServerBase(), reference));
		}
		return event;
	}

	/**
	 * A run of {@code $aitrust-rollup}, which summarises quality rows and deletes those past retention: BALP's Update
	 * of the module's quality store, a system object.
	 */
	AuditEvent rollupRun(RequestDetails request) {
		AuditEvent event = common(request, BalpProfileEnum.BASIC_UPDATE);
		AuditEvent.AuditEventEntityComponent data = event.addEntity();
		data.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
				.setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT)
				.setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY);
		data.setDescription(request.getOperation());
		return event;
	}

	/** A package installed by {@code $aitrust-install-package}, as BALP's Create of the package. */
	AuditEvent packageInstalled(RequestDetails request, String packageId) {
		return created(request, PACKAGE_ID_SYSTEM, packageId);
	}

	/** A stored-data run started by {@code $data-quality-measure-stored}, as BALP's Create of the Batch2 job. */
	AuditEvent jobStarted(RequestDetails request, String jobId) {
		return created(request, BATCH_JOB_SYSTEM, jobId);
	}

	/** BALP's Create of a system object the module made, named by an identifier. */
	private AuditEvent created(RequestDetails request, String system, String value) {
		AuditEvent event = common(request, BalpProfileEnum.BASIC_CREATE);
		AuditEvent.AuditEventEntityComponent data = event.addEntity();
		data.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
				.setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT)
				.setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY);
		data.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE)
				.setDisplay(BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY);
		data.getWhat().setIdentifier(new Identifier().setSystem(system).setValue(value));
		data.setDescription(request.getOperation() + " " + value);
		return event;
	}

	private AuditEvent common(RequestDetails request, BalpProfileEnum profile) {
		AuditEvent event = new AuditEvent();
		event.getMeta().addProfile(profile.getProfileUrl());
		event.setType(new Coding(BalpConstants.CS_AUDIT_EVENT_TYPE, "rest", "Restful Operation"));
		event.addSubtype(new Coding(BalpConstants.CS_RESTFUL_INTERACTION, "operation", "operation"));
		event.setAction(profile.getAction());
		event.setOutcome(AuditEvent.AuditEventOutcome._0);
		event.setRecorded(Date.from(clock.instant()));
		String serverBase = request.getFhirServerBase();
		event.getSource().getObserver().setDisplay(serverBase);

		String address = context.getNetworkAddress(request);
		AuditEvent.AuditEventAgentComponent client = event.addAgent();
		client.getType().addCoding(profile.getAgentClientTypeCoding());
		client.setWho(context.getAgentClientWho(request));
		client.getNetwork().setAddress(address).setType(context.getNetworkAddressType(request));
		client.setRequestor(false);

		AuditEvent.AuditEventAgentComponent server = event.addAgent();
		server.getType().addCoding(profile.getAgentServerTypeCoding());
		server.getWho().setDisplay(serverBase);
		server.getNetwork().setAddress(serverBase).setType(BalpConstants.AUDIT_EVENT_AGENT_NETWORK_TYPE_URI);
		server.setRequestor(false);

		AuditEvent.AuditEventAgentComponent user = event.addAgent();
		user.getType().addCoding(new Coding(
				"http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"));
		user.setWho(context.getAgentUserWho(request));
		user.setRequestor(true);

		AuditEvent.AuditEventEntityComponent transaction = event.addEntity();
		transaction.getType().setSystem(REQUEST_ID_ENTITY_TYPE_SYSTEM).setCode("XrequestId");
		transaction.getWhat().getIdentifier().setValue(request.getRequestId());
		return event;
	}

	private static String queryString(RequestDetails request) {
		StringBuilder query = new StringBuilder(request.getFhirServerBase()).append('/').append(request.getRequestPath());
		char separator = '?';
		for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
			for (String value : parameter.getValue()) {
				query.append(separator).append(UrlUtil.escapeUrlParam(parameter.getKey()))
						.append('=').append(UrlUtil.escapeUrlParam(value));
				separator = '&';
			}
		}
		return query.toString();
	}
}
