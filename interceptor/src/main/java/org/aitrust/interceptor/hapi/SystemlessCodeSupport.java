package org.aitrust.interceptor.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Validates a plain {@code code} element (no system) against a value set that draws from several code systems,
 * such as US Core's birth sex (administrative gender plus null flavor). HAPI's in-memory terminology service
 * needs the system and answers "unknown code" for such a code, although the value set contains it. Here the
 * value set is expanded, and when exactly one of its systems has the code, the question is asked again with
 * that system; otherwise this support stays silent and the rest of the chain answers as before.
 */
public class SystemlessCodeSupport implements IValidationSupport {

	private final FhirContext fhirContext;
	/**
	 * Expands in memory only: the chain's JPA terminology service is transactional, and a value set it cannot
	 * expand would mark the client's write transaction rollback-only even though the failure is caught here.
	 */
	private final InMemoryTerminologyServerValidationSupport inMemory;

	public SystemlessCodeSupport(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
		this.inMemory = new InMemoryTerminologyServerValidationSupport(fhirContext);
	}

	@Override
	public FhirContext getFhirContext() {
		return fhirContext;
	}

	@Override
	public String getName() {
		return "FHIR AI Trust: codes without a system";
	}

	@Override
	public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
		return true;
	}

	/** Expanding is left to the rest of the chain (the defaults would report the value set as unknown). */
	@Override
	public ValueSetExpansionOutcome expandValueSet(
			ValidationSupportContext context, ca.uhn.fhir.context.support.ValueSetExpansionOptions options, String valueSetUrl) {
		return null;
	}

	@Override
	public ValueSetExpansionOutcome expandValueSet(
			ValidationSupportContext context, ca.uhn.fhir.context.support.ValueSetExpansionOptions options, IBaseResource valueSet) {
		return null;
	}

	@Override
	public CodeValidationResult validateCodeInValueSet(
			ValidationSupportContext context,
			ConceptValidationOptions options,
			String system,
			String code,
			String display,
			IBaseResource valueSet) {
		if ((system != null && !system.isBlank()) || code == null || code.isBlank() || !(valueSet instanceof ValueSet)) {
			return null;
		}
		IValidationSupport root = context.getRootValidationSupport();
		ValueSetExpansionOutcome expansion;
		try {
			expansion = inMemory.expandValueSet(context, null, valueSet);
		} catch (RuntimeException e) {
			// A value set that cannot be expanded here (it imports one the server lacks) is not ours to judge.
			return null;
		}
		if (expansion == null || !(expansion.getValueSet() instanceof ValueSet expanded)) {
			return null;
		}
		Set<String> systems = new HashSet<>();
		collectSystems(expanded.getExpansion().getContains(), code, systems);
		if (systems.size() != 1) {
			return null;
		}
		return root.validateCodeInValueSet(context, options, systems.iterator().next(), code, display, valueSet);
	}

	private static void collectSystems(List<ValueSet.ValueSetExpansionContainsComponent> contains, String code, Set<String> systems) {
		for (ValueSet.ValueSetExpansionContainsComponent concept : contains) {
			if (code.equals(concept.getCode()) && concept.getSystem() != null) {
				systems.add(concept.getSystem());
			}
			collectSystems(concept.getContains(), code, systems);
		}
	}
}
