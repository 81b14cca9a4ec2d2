package org.aitrust.interceptor.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Before the server takes requests, validates a minimal resource against every profile the policy requires
 * (and one resource of each type the rules name against the base specification), so profile snapshots, the
 * validator's structures and value set expansions are built now rather than on a client's first write.
 */
public class ValidationPrewarmer implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ValidationPrewarmer.class);

	private final FhirContext fhirContext;
	private final IValidationSupport validationSupport;
	private final ProfileValidator validator;

	public ValidationPrewarmer(FhirContext fhirContext, IValidationSupport validationSupport, ProfileValidator validator) {
		this.fhirContext = fhirContext;
		this.validationSupport = validationSupport;
		this.validator = validator;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long started = System.nanoTime();
		Set<String> types = new LinkedHashSet<>();
		Set<String> profiles = new LinkedHashSet<>();
		types.add("Patient");
		for (ValidationRule rule : validator.policy().rules()) {
			types.addAll(rule.resourceTypes());
			profiles.addAll(rule.requiredProfiles());
		}
		int warmed = 0;
		for (String type : types) {
			warmed += warm(type, null) ? 1 : 0;
		}
		for (String profile : profiles) {
			IBaseResource definition = validationSupport.fetchStructureDefinition(profile);
			if (definition instanceof StructureDefinition sd && sd.hasType()) {
				warmed += warm(sd.getType(), profile) ? 1 : 0;
			} else {
				log.warn("FHIR AI Trust validation: required profile {} is not known to the server; resources claiming"
						+ " it will be reported with an unknown profile", profile);
			}
		}
		log.info("FHIR AI Trust validation: validator pre-warmed for {} resource types and {} required profiles in {} ms",
				types.size(), profiles.size(), (System.nanoTime() - started) / 1_000_000);
		if (warmed < types.size() + profiles.size()) {
			log.debug("FHIR AI Trust validation: {} of {} pre-warm validations ran", warmed, types.size() + profiles.size());
		}
	}

	private boolean warm(String type, String profile) {
		try {
			IBaseResource resource = fhirContext.getResourceDefinition(type).newInstance();
			if (profile != null) {
				resource.getMeta().addProfile(profile);
			}
			validator.validate(resource, ValidationRule.fallback(ValidationMode.SHADOW));
			return true;
		} catch (RuntimeException e) {
			log.warn("FHIR AI Trust validation: could not pre-warm {} {}: {}", type, profile == null ? "" : profile, e.toString());
			return false;
		}
	}
}
