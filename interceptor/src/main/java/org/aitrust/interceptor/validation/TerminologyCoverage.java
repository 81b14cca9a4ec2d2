package org.aitrust.interceptor.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Whether the server holds everything needed to decide membership in a value set: the value set itself, every
 * value set it imports, and every code system it draws from in full. When it does not (US Core binds race to
 * CDC codes and birth sex to VSAC value sets, neither of which is published in a package), "code not in value
 * set" says nothing about the data, and the issue is classed as not checkable. Answers are remembered until
 * the validation caches are cleared.
 */
public class TerminologyCoverage {

	/** Code systems HAPI checks from built-in knowledge rather than from a CodeSystem resource. */
	private static final Set<String> BUILT_IN_SYSTEMS = Set.of(
			"http://unitsofmeasure.org", "urn:ietf:bcp:13", "urn:ietf:bcp:47", "urn:iso:std:iso:4217",
			"urn:iso:std:iso:3166", "https://www.usps.com/", "http://hl7.org/fhir/sid/icd-10-cm");

	private final IValidationSupport validationSupport;
	private final Map<String, Boolean> checkable = new ConcurrentHashMap<>();

	public TerminologyCoverage(IValidationSupport validationSupport) {
		this.validationSupport = validationSupport;
	}

	/** Whether membership in the value set at {@code url} (optionally {@code |version}) can be decided here. */
	public boolean canCheckValueSet(String url) {
		if (url == null) {
			return false;
		}
		return checkable.computeIfAbsent(Canonicals.withoutVersion(url), u -> canCheck(u, new HashSet<>()));
	}

	/**
	 * Whether "not in the value set" for these codings is a terminology gap rather than a data error: the server
	 * cannot decide membership, or the value set lists one of the codings explicitly (HAPI answers "not found"
	 * for a listed code when it lacks the code system, as with US Core's race categories).
	 *
	 * @param codings {@code system#code} pairs named in the message; empty when it named none
	 */
	public boolean isGap(String valueSetUrl, List<String[]> codings) {
		if (!canCheckValueSet(valueSetUrl)) {
			return true;
		}
		String unversioned = Canonicals.withoutVersion(valueSetUrl);
		return codings.stream().anyMatch(coding -> listed(unversioned, coding[0], coding[1], new HashSet<>()));
	}

	private boolean listed(String url, String system, String code, Set<String> visiting) {
		if (!visiting.add(url) || !(validationSupport.fetchValueSet(url) instanceof ValueSet valueSet)) {
			return false;
		}
		for (ValueSet.ConceptSetComponent set : valueSet.getCompose().getInclude()) {
			if (system.equals(set.getSystem()) && set.getConcept().stream().anyMatch(c -> code.equals(c.getCode()))) {
				return true;
			}
			for (CanonicalType imported : set.getValueSet()) {
				String importedUrl = imported.getValue();
				if (importedUrl != null && listed(Canonicals.withoutVersion(importedUrl), system, code, visiting)) {
					return true;
				}
			}
		}
		return false;
	}

	public void clear() {
		checkable.clear();
	}

	private boolean canCheck(String url, Set<String> visiting) {
		if (!visiting.add(url)) {
			return true;
		}
		IBaseResource fetched = validationSupport.fetchValueSet(url);
		if (!(fetched instanceof ValueSet valueSet)) {
			return false;
		}
		if (!valueSet.hasCompose()) {
			return valueSet.hasExpansion();
		}
		return covered(valueSet.getCompose().getInclude(), visiting) && covered(valueSet.getCompose().getExclude(), visiting);
	}

	private boolean covered(List<ValueSet.ConceptSetComponent> sets, Set<String> visiting) {
		for (ValueSet.ConceptSetComponent set : sets) {
			for (CanonicalType imported : set.getValueSet()) {
				if (!canCheck(Canonicals.withoutVersion(imported.getValue()), visiting)) {
					return false;
				}
			}
			if (set.hasSystem() && (!set.hasConcept() || set.hasFilter()) && !codeSystemComplete(set.getSystem())) {
				return false;
			}
		}
		return true;
	}

	/** An explicit list of codes decides membership by itself; a filter or a whole system needs the system in full. */
	private boolean codeSystemComplete(String system) {
		if (BUILT_IN_SYSTEMS.contains(system)) {
			return true;
		}
		IBaseResource fetched = validationSupport.fetchCodeSystem(system);
		if (!(fetched instanceof CodeSystem codeSystem)) {
			return false;
		}
		return codeSystem.getContent() == CodeSystem.CodeSystemContentMode.COMPLETE;
	}
}
