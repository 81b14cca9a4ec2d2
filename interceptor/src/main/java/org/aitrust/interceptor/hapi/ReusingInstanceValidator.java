package org.aitrust.interceptor.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.fhirpath.IHostApplicationServices;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * The server's instance validator, with each core {@link InstanceValidator} built once and reused. HAPI 8.8
 * builds a new one for every resource, and building one reloads the OID registry from its CSV file and starts
 * a fresh FHIRPath engine: on this machine that was most of the 30 ms a US Core resource took. Idle validators
 * wait in a small pool; one is used by one thread at a time. Settings, the worker context (profiles and
 * terminology) and the resource fetcher are those of the {@link FhirInstanceValidator} this replaces, so
 * verdicts do not change; caches are dropped together with the worker context's. A validator that has no worker
 * context yet is given a {@link UcumWorkerContextAdapter} over its validation support.
 *
 * <p>A core validator keeps something of every resource it validates (its element tree, narrative included, in
 * maps it never clears: it was written to validate a batch and be thrown away). Reused without end, it held every
 * resource the server had ever validated, and a server under load ran out of heap. So each one validates at most
 * {@value #VALIDATIONS_PER_VALIDATOR} resources and is then dropped, which bounds what it holds and still spreads
 * the cost of building it thinly.
 */
public class ReusingInstanceValidator implements IInstanceValidatorModule {

	private static final String BINDING_NO_SOURCE = "Terminology_TX_Binding_NoSource";
	private static final String BINDING_NO_SOURCE_2 = "Terminology_TX_Binding_NoSource2";
	private static final String VALUE_SET_NOT_FOUND = "Terminology_TX_ValueSet_NotFound";
	private static final Set<String> UNKNOWN_PROFILE = Set.of("Validation_VAL_Profile_Unknown", "VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY");

	static final int VALIDATIONS_PER_VALIDATOR = 100;

	private final FhirInstanceValidator settings;
	private final int maxIdle;
	private final int validationsPerValidator;
	private final Deque<Pooled> idle = new ConcurrentLinkedDeque<>();
	private final AtomicInteger generation = new AtomicInteger();
	private final AtomicInteger built = new AtomicInteger();

	/** A validator, the cache generation it was built in, and how many resources it has validated. */
	private static final class Pooled {
		private final InstanceValidator validator;
		private final int generation;
		private int validations;

		private Pooled(InstanceValidator validator, int generation) {
			this.validator = validator;
			this.generation = generation;
		}
	}

	/**
	 * @param settings the configured validator whose settings, worker context and fetcher are used
	 * @param maxIdle how many idle validators are kept (each holds the OID registry and compiled FHIRPath)
	 */
	public ReusingInstanceValidator(FhirInstanceValidator settings, int maxIdle) {
		this(settings, maxIdle, VALIDATIONS_PER_VALIDATOR);
	}

	ReusingInstanceValidator(FhirInstanceValidator settings, int maxIdle, int validationsPerValidator) {
		if (settings.getWorkerContext() == null) {
			// HAPI creates it on its own first validation, which this validator replaces. The module's adapter, so
			// quantities in other units compare here as on the server.
			settings.setWrappedWorkerContext(settings.getValidationSupport(),
					new UcumWorkerContextAdapter(settings.getValidationSupport()));
		}
		this.settings = settings;
		this.maxIdle = maxIdle;
		this.validationsPerValidator = validationsPerValidator;
	}

	/** How many core validators have been built so far. */
	int validatorsBuilt() {
		return built.get();
	}

	/** Drops the pooled validators and the worker context's caches, so changed conformance resources are seen. */
	public void invalidateCaches() {
		generation.incrementAndGet();
		idle.clear();
		settings.invalidateCaches();
	}

	@Override
	public void validateResource(IValidationContext<IBaseResource> context) {
		IWorkerContext worker = settings.getWorkerContext();
		Pooled pooled = borrow(worker);
		try {
			pooled.validations++;
			for (ValidationMessage message : validate(pooled.validator, worker, context)) {
				context.addValidationMessage(toHapi(message));
			}
		} finally {
			giveBack(pooled);
		}
	}

	private List<ValidationMessage> validate(InstanceValidator validator, IWorkerContext worker, IValidationContext<IBaseResource> context) {
		List<ValidationMessage> messages = new ArrayList<>();
		List<ValidationMessage> unknownProfiles = new ArrayList<>();
		Set<String> profileUrls = new LinkedHashSet<>(context.getOptions().getProfiles());
		profileUrls.addAll(claimedProfiles(context));
		List<StructureDefinition> profiles = new ArrayList<>();
		for (String url : profileUrls) {
			StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
			if (profile != null) {
				profiles.add(profile);
			} else {
				ValidationMessage unknown = new ValidationMessage();
				unknown.setMessageId("Validation_VAL_Profile_Unknown");
				unknown.setLevel(ValidationMessage.IssueSeverity.ERROR);
				unknown.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
				unknownProfiles.add(unknown);
			}
		}
		Manager.FhirFormat format = context.getResourceAsStringEncoding() == EncodingEnum.XML
				? Manager.FhirFormat.XML : Manager.FhirFormat.JSON;
		byte[] input = context.getResourceAsString().getBytes(StandardCharsets.UTF_8);
		validator.validate(null, messages, new ByteArrayInputStream(input), format, profiles);
		if (profiles.isEmpty()) {
			messages.addAll(unknownProfiles);
		}
		messages.removeIf(ReusingInstanceValidator::isNoise);
		if (settings.isErrorForUnknownProfiles()) {
			messages.stream()
					.filter(m -> m.getMessageId() != null && UNKNOWN_PROFILE.contains(m.getMessageId()))
					.filter(m -> m.getLevel() == ValidationMessage.IssueSeverity.WARNING)
					.forEach(m -> m.setLevel(ValidationMessage.IssueSeverity.ERROR));
		}
		return messages;
	}

	/** Messages HAPI's own validator drops too: bindings without a value set, and the unpublished mimetypes value set. */
	private static boolean isNoise(ValidationMessage message) {
		String id = message.getMessageId();
		return id != null && (id.equals(BINDING_NO_SOURCE) || id.equals(BINDING_NO_SOURCE_2)
				|| (id.equals(VALUE_SET_NOT_FOUND) && message.getMessage() != null
						&& message.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
	}

	private static List<String> claimedProfiles(IValidationContext<IBaseResource> context) {
		IBaseResource resource = context.getResource();
		if (resource == null) {
			FhirContext fhirContext = context.getFhirContext();
			String text = context.getResourceAsString();
			resource = context.getResourceAsStringEncoding() == EncodingEnum.XML
					? fhirContext.newXmlParser().parseResource(text) : fhirContext.newJsonParser().parseResource(text);
		}
		return resource.getMeta().getProfile().stream().map(IPrimitiveType::getValue).toList();
	}

	private Pooled borrow(IWorkerContext worker) {
		int current = generation.get();
		Pooled pooled;
		while ((pooled = idle.pollFirst()) != null) {
			if (pooled.generation == current) {
				return pooled;
			}
		}
		built.incrementAndGet();
		return new Pooled(build(worker), current);
	}

	private void giveBack(Pooled pooled) {
		if (pooled.generation == generation.get() && pooled.validations < validationsPerValidator
				&& idle.size() < maxIdle) {
			idle.offerFirst(pooled);
		}
	}

	private InstanceValidator build(IWorkerContext worker) {
		IHostApplicationServices host = settings.getHostApplicationServices() != null
				? settings.getHostApplicationServices() : new FhirInstanceValidator.NullEvaluationContext();
		InstanceValidator validator = new InstanceValidator(worker, host, new XVerExtensionManagerOld(worker),
				new ValidatorSession(), new ValidatorSettings());
		validator.setAssumeValidRestReferences(settings.isAssumeValidRestReferences());
		validator.setBestPracticeWarningLevel(settings.getBestPracticeWarningLevel());
		validator.setAnyExtensionsAllowed(settings.isAnyExtensionsAllowed());
		validator.setResourceIdRule(IdStatus.OPTIONAL);
		validator.setNoTerminologyChecks(settings.isNoTerminologyChecks());
		validator.setErrorForUnknownProfiles(settings.isErrorForUnknownProfiles());
		// As HAPI does: the chain's unknown-code-system support decides the severity of unknown systems.
		validator.setUnknownCodeSystemsCauseErrors(true);
		validator.getExtensionDomains().addAll(settings.getExtensionDomains());
		validator.setFetcher(settings.getValidatorResourceFetcher());
		validator.setPolicyAdvisor(settings.getValidatorPolicyAdvisor());
		validator.setNoExtensibleWarnings(settings.isNoExtensibleWarnings());
		validator.setNoBindingMsgSuppressed(settings.isNoBindingMsgSuppressed());
		validator.setAllowExamples(settings.isAllowExamples());
		validator.setAllowXsiLocation(true);
		return validator;
	}

	private static SingleValidationMessage toHapi(ValidationMessage message) {
		SingleValidationMessage hapi = new SingleValidationMessage();
		hapi.setSeverity(switch (message.getLevel() == null ? ValidationMessage.IssueSeverity.INFORMATION : message.getLevel()) {
			case FATAL -> ResultSeverityEnum.FATAL;
			case ERROR -> ResultSeverityEnum.ERROR;
			case WARNING -> ResultSeverityEnum.WARNING;
			default -> ResultSeverityEnum.INFORMATION;
		});
		hapi.setMessage(message.getMessage());
		hapi.setMessageId(message.getMessageId());
		hapi.setLocationString(message.getLocation());
		if (message.getLine() > 0) {
			hapi.setLocationLine(message.getLine());
		}
		if (message.getCol() > 0) {
			hapi.setLocationCol(message.getCol());
		}
		if (message.getSliceHtml() != null) {
			hapi.setSliceMessages(List.of(message.getSliceHtml()));
		}
		return hapi;
	}
}
