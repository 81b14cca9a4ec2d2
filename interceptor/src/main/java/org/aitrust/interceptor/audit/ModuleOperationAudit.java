package org.aitrust.interceptor.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.time.Clock;
import org.aitrust.interceptor.oversight.AiOversightProvider;
import org.aitrust.interceptor.provenance.AiReviewProvider;
import org.aitrust.interceptor.quality.DataQualityFailuresProvider;
import org.aitrust.interceptor.quality.DataQualityProvider;
import org.aitrust.interceptor.quality.RollupProvider;
import org.aitrust.interceptor.quality.MeasureStoredProvider;
import org.aitrust.interceptor.validation.IgPackageProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;

/**
 * Audits the module's operations, which HAPI's BALP interceptor leaves alone (it audits RESTful interactions only),
 * once they succeeded:
 * <ul>
 *   <li>{@code $ai-review} stores its review Provenance with the system's authority, which the BALP interceptor on the
 *       {@code RestfulServer} does not see; the BALP interceptor's own create hook is handed that Provenance and the
 *       reviewer's request, so the event is BALP's Create, its user agent the clinician;
 *   <li>report reads (the drill-down {@code $data-quality-failures} with its check and period in the query), the start
 *       of a stored-data run and package installs get the BALP events {@link OperationAuditEvents} makes, through the same
 *       context services and sink.
 * </ul>
 */
@Interceptor
public class ModuleOperationAudit {

	private final BalpAuditCaptureInterceptor balp;
	private final IBalpAuditEventSink sink;
	private final OperationAuditEvents events;

	public ModuleOperationAudit(BalpAuditCaptureInterceptor balp, IBalpAuditContextServices context,
			IBalpAuditEventSink sink, Clock clock) {
		this.balp = balp;
		this.sink = sink;
		this.events = new OperationAuditEvents(context, clock);
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public void operationSucceeded(RequestDetails request, ServletRequestDetails servletRequest, IBaseResource response) {
		String operation = request.getOperation();
		if (operation == null || servletRequest == null) {
			return;
		}
		switch (operation) {
			case AiReviewProvider.REVIEW -> {
				if (response instanceof Provenance review && review.getIdElement().hasIdPart()) {
					balp.hookStoragePrecommitResourceCreated(withoutTargets(review), servletRequest);
				}
			}
			case DataQualityProvider.OPERATION, AiOversightProvider.OPERATION, AiReviewProvider.UNREVIEWED,
					DataQualityFailuresProvider.OPERATION, MeasureStoredProvider.STATUS ->
					sink.recordAuditEvent(events.reportRead(request, firstParameter(request, "patient")));
			case MeasureStoredProvider.MEASURE -> {
				if (response instanceof Parameters started && started.getParameter("job") != null) {
					sink.recordAuditEvent(events.jobStarted(request,
							started.getParameter("job").getValue().primitiveValue()));
				}
			}
			case IgPackageProvider.INSTALL -> {
				String packageId = installedPackage(response);
				if (packageId != null) {
					sink.recordAuditEvent(events.packageInstalled(request, packageId));
				}
			}
			case RollupProvider.OPERATION -> sink.recordAuditEvent(events.rollupRun(request));
			default -> { } // not an operation the module audits
		}
	}

	/**
	 * The review as BALP should see it: its id (the event's data entity) without its targets. HAPI 8.8 takes every
	 * reference of Provenance's compartment parameter {@code Provenance.target.where(resolve() is Patient)} for a
	 * patient, so the reviewed Observation would be named as the patient of a PatientCreate; a review's target is the
	 * reviewed resource, never a patient.
	 */
	private static Provenance withoutTargets(Provenance review) {
		Provenance audited = review.copy();
		audited.setTarget(new java.util.ArrayList<>());
		return audited;
	}

	private static String firstParameter(RequestDetails request, String name) {
		String[] values = request.getParameters().get(name);
		return values == null || values.length == 0 || values[0].isBlank() ? null : values[0];
	}

	/** The package's NPM id (name#version), as the install operation's answer describes it. */
	private static String installedPackage(IBaseResource response) {
		if (!(response instanceof Parameters parameters) || parameters.getParameter("package") == null) {
			return null;
		}
		Parameters.ParametersParameterComponent pkg = parameters.getParameter("package");
		String name = partValue(pkg, "name");
		String version = partValue(pkg, "version");
		return name == null ? null : version == null ? name : name + "#" + version;
	}

	private static String partValue(Parameters.ParametersParameterComponent parameter, String name) {
		return parameter.getPart().stream()
				.filter(part -> name.equals(part.getName()) && part.getValue() != null)
				.map(part -> part.getValue().primitiveValue())
				.findFirst()
				.orElse(null);
	}
}
