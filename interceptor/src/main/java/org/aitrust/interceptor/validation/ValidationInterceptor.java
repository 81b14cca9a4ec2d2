package org.aitrust.interceptor.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import org.aitrust.interceptor.core.ValidationFindings;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.core.WriteMarks;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Validates every resource a write is about to store ({@code STORAGE_PRESTORAGE_RESOURCE_*}: creates,
 * updates, conditional writes, the result of a patch, each entry of a transaction or batch) and acts on the
 * verdict by the rule for its type and source: ENFORCE refuses with 422 and every issue (nothing of a
 * transaction is stored), WARN stores and reports, SHADOW stores silently. Runs after the provenance
 * interceptor has labelled the resource, so labels are validated too. The verdict stays on the resource for
 * the quality metrics ({@link ValidationFindings}). {@code $validate} answers with the same verdict (see {@link #validationCompleted}).
 */
@Interceptor
public class ValidationInterceptor {

	private static final String REPORTED_KEY = ValidationInterceptor.class.getName() + ".reported";
	private static final String ENTRY_INDEX_KEY = ValidationInterceptor.class.getName() + ".entryIndex";
	private static final String VALIDATE_VERDICT_KEY = ValidationInterceptor.class.getName() + ".validateVerdict";
	private static final int AFTER_LABELLING = 100;

	private final FhirContext fhirContext;
	private final ProfileValidator validator;
	private final RequestSourceResolver sources;
	private final ValidationMeters meters;
	private final ThreadLocal<RequestDetails> validateRequest = new ThreadLocal<>();
	private Coding warnTag;

	public ValidationInterceptor(
			FhirContext fhirContext, ProfileValidator validator, RequestSourceResolver sources, ValidationMeters meters) {
		this.fhirContext = fhirContext;
		this.validator = validator;
		this.sources = sources;
		this.meters = meters;
	}

	/** The {@code meta.tag} put on resources stored in WARN mode with issues at the reject severity; null for none. */
	public ValidationInterceptor setWarnTag(Coding warnTag) {
		this.warnTag = warnTag;
		return this;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = AFTER_LABELLING)
	public void storagePrestorageResourceCreated(IBaseResource resource, RequestDetails request) {
		validateWrite(resource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = AFTER_LABELLING)
	public void storagePrestorageResourceUpdated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		validateWrite(newResource, request);
	}

	/**
	 * Remembers the request of a {@code $validate}, whose completion hook is not told the request; numbers the
	 * entries of a transaction or batch, so an issue can name the entry even after HAPI has copied its resource.
	 */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void serverIncomingRequestPreHandled(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == RestOperationTypeEnum.VALIDATE || "$validate".equals(request.getOperation())) {
			validateRequest.set(request);
		}
		if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
			List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
			for (int i = 0; i < entries.size(); i++) {
				if (entries.get(i).getResource() != null) {
					entries.get(i).getResource().setUserData(ENTRY_INDEX_KEY, i);
				}
			}
		}
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
	public void serverProcessingCompleted(RequestDetails request) {
		validateRequest.remove();
	}

	/**
	 * Gives {@code $validate} the verdict a write would get: the same severities, the same required-profile
	 * rule, and an error when the policy's reject severity is below error and some issue reaches it.
	 */
	@Hook(Pointcut.VALIDATION_COMPLETED)
	public ValidationResult validationCompleted(IBaseResource resource, String rawResource, ValidationResult result) {
		RequestDetails request = validateRequest.get();
		if (resource == null) {
			resource = parseQuietly(rawResource);
		}
		if (resource == null) {
			return result;
		}
		String source = request == null ? null : sources.resolve(request).clientId();
		ValidationRule rule = validator.policy().ruleFor(fhirContext.getResourceType(resource), source);
		ValidationVerdict verdict = validator.judge(resource, rule, result.getMessages());
		if (request != null) {
			request.getUserData().put(VALIDATE_VERDICT_KEY, verdict);
		}
		List<SingleValidationMessage> messages = ProfileValidator.toMessages(verdict);
		if (verdict.failed() && !ProfileValidator.hasErrors(messages)) {
			SingleValidationMessage policyError = new SingleValidationMessage();
			policyError.setSeverity(ca.uhn.fhir.validation.ResultSeverityEnum.ERROR);
			policyError.setMessageId("AITRUST_POLICY_REJECTS");
			policyError.setMessage("This server rejects writes with issues of severity "
					+ validator.policy().rejectSeverity().name().toLowerCase() + " or worse");
			messages.add(policyError);
		}
		return new ValidationResult(fhirContext, messages);
	}

	/**
	 * HAPI's {@code $validate} validates the request body it was sent (a Parameters wrapping the resource, or
	 * the resource) and reports no parsed resource; parse it here and unwrap the resource being validated.
	 */
	private IBaseResource parseQuietly(String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		try {
			IBaseResource parsed = raw.stripLeading().startsWith("<")
					? fhirContext.newXmlParser().parseResource(raw) : fhirContext.newJsonParser().parseResource(raw);
			if (parsed instanceof org.hl7.fhir.r4.model.Parameters parameters
					&& parameters.getParameter("resource") != null && parameters.getParameter("resource").hasResource()) {
				return parameters.getParameter("resource").getResource();
			}
			return parsed;
		} catch (RuntimeException e) {
			// Unparseable input already has the validator's fatal issue; there is nothing to add.
			return null;
		}
	}

	/** Adds WARN-mode issues to the OperationOutcome the client asked for, and to transaction entry outcomes. */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean serverOutgoingResponse(RequestDetails request, ResponseDetails response) {
		if (request != null && request.getUserData().get(VALIDATE_VERDICT_KEY) instanceof ValidationVerdict verdict
				&& response.getResponseResource() instanceof OperationOutcome outcome) {
			applyIssueCodes(outcome, verdict);
		}
		if (request == null || !(request.getUserData().get(REPORTED_KEY) instanceof List<?> reported) || reported.isEmpty()) {
			return true;
		}
		IBaseResource body = response.getResponseResource();
		for (Object item : reported) {
			Reported warned = (Reported) item;
			if (body instanceof OperationOutcome outcome) {
				addIssues(outcome, warned.verdict(), warned.entryIndex() < 0 ? null : entryPrefix(warned.entryIndex()));
			} else if (body instanceof Bundle bundle && warned.entryIndex() >= 0 && warned.entryIndex() < bundle.getEntry().size()) {
				Bundle.BundleEntryResponseComponent entryResponse = bundle.getEntry().get(warned.entryIndex()).getResponse();
				OperationOutcome outcome = entryResponse.getOutcome() instanceof OperationOutcome existing
						? existing : new OperationOutcome();
				addIssues(outcome, warned.verdict(), null);
				entryResponse.setOutcome(outcome);
			}
		}
		return true;
	}

	/**
	 * HAPI writes every {@code $validate} issue with code {@code processing}, one issue per message in order;
	 * give each the code the verdict found (not-supported for terminology gaps, invariant, code-invalid, ...).
	 */
	private static void applyIssueCodes(OperationOutcome outcome, ValidationVerdict verdict) {
		List<OperationOutcome.OperationOutcomeIssueComponent> issues = outcome.getIssue();
		if (issues.size() < verdict.issues().size()) {
			return;
		}
		for (int i = 0; i < verdict.issues().size(); i++) {
			issues.get(i).setCode(OperationOutcome.IssueType.fromCode(verdict.issues().get(i).code()));
		}
	}

	private record Reported(ValidationVerdict verdict, int entryIndex) {}

	/**
	 * Validates a client's resource. The module's own records are not client input: the module builds them to the AI
	 * Transparency profiles and stores them with the system's authority, which a {@code RestfulServer} interceptor
	 * does not see, and when a host's interceptor service shows them anyway they are skipped here.
	 */
	private void validateWrite(IBaseResource resource, RequestDetails request) {
		if (resource == null || WriteMarks.isModuleWritten(resource)) {
			return;
		}
		String source = sources.resolve(request).clientId();
		ValidationRule rule = validator.policy().ruleFor(fhirContext.getResourceType(resource), source);
		if (rule.mode() == ValidationMode.OFF) {
			return;
		}
		long started = System.nanoTime();
		ValidationVerdict verdict = validator.validate(resource, rule);
		meters.record(fhirContext.getResourceType(resource), verdict, System.nanoTime() - started);
		verdict.findings().attachTo(resource);
		int entryIndex = entryIndex(request, resource);
		if (verdict.rejected()) {
			throw new UnprocessableEntityException(fhirContext,
					rejection(fhirContext.getResourceType(resource), verdict, entryIndex));
		}
		if (rule.mode() == ValidationMode.WARN && verdict.hasIssues()) {
			if (verdict.failed() && warnTag != null && resource instanceof Resource r4
					&& r4.getMeta().getTag(warnTag.getSystem(), warnTag.getCode()) == null) {
				r4.getMeta().addTag(warnTag.copy());
			}
			if (request != null) {
				@SuppressWarnings("unchecked")
				List<Reported> reported = (List<Reported>) request.getUserData().computeIfAbsent(REPORTED_KEY, k -> new ArrayList<Reported>());
				reported.add(new Reported(verdict, entryIndex));
			}
		}
	}

	private static OperationOutcome rejection(String resourceType, ValidationVerdict verdict, int entryIndex) {
		OperationOutcome outcome = new OperationOutcome();
		String where = entryIndex < 0 ? resourceType : resourceType + " in Bundle.entry[" + entryIndex + "]";
		long errors = verdict.issues().stream().filter(i -> i.severity().isAtLeast(IssueSeverity.ERROR)).count();
		outcome.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED);
		outcome.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + where
				+ " was rejected: it does not conform to the profiles this server enforces (" + errors + " errors)</div>");
		addIssues(outcome, verdict, entryIndex < 0 ? null : entryPrefix(entryIndex));
		return outcome;
	}

	private static String entryPrefix(int entryIndex) {
		return "Bundle.entry[" + entryIndex + "].resource";
	}

	private static void addIssues(OperationOutcome outcome, ValidationVerdict verdict, String prefix) {
		for (ValidationIssue issue : verdict.issues()) {
			ValidationIssue located = prefix == null ? issue : issue.relocated(prefix);
			OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
					.setSeverity(located.severity().toFhir())
					.setCode(OperationOutcome.IssueType.fromCode(located.code()))
					.setDiagnostics(located.message());
			if (located.expression() != null) {
				component.addExpression(located.expression());
			}
			if (located.messageId() != null) {
				component.getDetails().addCoding()
						.setSystem("http://hl7.org/fhir/java-core-messageId").setCode(located.messageId());
			}
		}
	}

	/** The index of the Bundle entry holding {@code resource} in a transaction or batch, or -1. */
	private static int entryIndex(RequestDetails request, IBaseResource resource) {
		if (resource.getUserData(ENTRY_INDEX_KEY) instanceof Integer index) {
			return index;
		}
		if (request == null || !(request.getResource() instanceof Bundle bundle)) {
			return -1;
		}
		List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
		for (int i = 0; i < entries.size(); i++) {
			if (entries.get(i).getResource() == resource) {
				return i;
			}
		}
		return -1;
	}
}
