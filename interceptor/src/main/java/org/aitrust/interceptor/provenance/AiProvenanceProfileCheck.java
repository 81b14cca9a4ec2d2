package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Provenance;

/**
 * Validates a client's AI-Provenance against the IG's AI-Provenance profile with HAPI's instance validator, over the
 * module's own AI Transparency package and FHIR R4 core, whatever the server's validation settings: the module vouches
 * for a client's record it keeps (tagged client-supplied), so it checks it the same way on every server. References
 * are taken as valid where they point ({@code Device/x} is a Device); whether the Device exists is checked separately.
 * Built on first use, since most servers never receive such a Provenance; thread-safe.
 */
class AiProvenanceProfileCheck {

	private final FhirContext fhirContext;
	private volatile FhirValidator validator;

	AiProvenanceProfileCheck(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/** The error messages of validating {@code provenance} against AI-Provenance, each with its location; empty when valid. */
	List<String> errors(Provenance provenance) {
		ValidationOptions options = new ValidationOptions().addProfile(AiTransparency.PROFILE_AI_PROVENANCE);
		return validator().validateWithResult(provenance, options).getMessages().stream()
				.filter(m -> m.getSeverity() != null && m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.map(m -> m.getLocationString() + ": " + m.getMessage())
				.toList();
	}

	private FhirValidator validator() {
		FhirValidator built = validator;
		if (built == null) {
			synchronized (this) {
				built = validator;
				if (built == null) {
					built = build();
					validator = built;
				}
			}
		}
		return built;
	}

	private FhirValidator build() {
		NpmPackageValidationSupport modulePackage = new NpmPackageValidationSupport(fhirContext);
		try {
			modulePackage.loadPackageFromClasspath(AiTransparency.MODULE_PACKAGE_LOCATION);
		} catch (IOException e) {
			throw new UncheckedIOException("The module's AI Transparency package could not be read", e);
		}
		IValidationSupport chain = new ValidationSupportChain(
				modulePackage,
				fhirContext.getValidationSupport(),
				new CommonCodeSystemsTerminologyService(fhirContext),
				new InMemoryTerminologyServerValidationSupport(fhirContext),
				new SnapshotGeneratingValidationSupport(fhirContext));
		FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
		instanceValidator.setAssumeValidRestReferences(true);
		return fhirContext.newValidator().registerValidatorModule(instanceValidator);
	}
}
