package org.aitrust.interceptor.quality.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

/**
 * Completeness against the profiles a resource claims: for every element a claimed profile marks must-support,
 * whether the resource populates it, or says why not with a data-absent-reason extension. Each element is its
 * own measure, {@value #PREFIX} followed by the element path, so a quality team sees which element a source
 * leaves empty, per profile (the claimed profile is a dimension of every measurement).
 *
 * <p>An element counts as populated when at least one value exists at its full path; a nested element whose
 * parent is absent is not populated. A data-absent-reason extension on the element, or on any element along its
 * path, counts as populated: the sender said why the value is missing.
 */
public final class MustSupportCompleteness {

	public static final String PREFIX = "completeness-must-support:";

	/**
	 * One definition for every must-support measure: characterization, because Must Support obliges systems to
	 * handle an element, not senders to populate it.
	 */
	public static final CheckDefinition DEFINITION = new CheckDefinition(PREFIX + "<element path>",
			KahnCategory.COMPLETENESS, CheckClass.CHARACTERIZATION, CheckLevel.ELEMENT,
			"Describes the data: one measure per must-support element of each claimed profile the server knows; a"
			+ " resource counts when the element is neither populated nor explained by a data-absent-reason. Must"
			+ " Support means \"supported if present\", not required, so an empty element is no defect.",
			"https://hl7.org/fhir/R4/profiling.html#mustsupport (Must Support: its meaning is set by the profile)"
			+ " and https://hl7.org/fhir/us/core/STU6.1/must-support.html (US Core Must Support: responders SHALL"
			+ " be capable of populating the element when the data exists; absence is allowed)");
	static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

	/** Outcome per must-support element path of every profile the resource claims and the server knows. */
	public Map<String, CheckOutcome> evaluate(Resource resource, CheckContext context) {
		Map<String, CheckOutcome> outcomes = new LinkedHashMap<>();
		for (CanonicalType profile : resource.getMeta().getProfile()) {
			if (profile.getValue() == null) {
				continue;
			}
			for (String path : context.mustSupportPaths(profile.getValue())) {
				String id = PREFIX + path;
				boolean populated = populated(resource, path);
				outcomes.merge(id, populated ? CheckOutcome.PASS : CheckOutcome.FAIL,
						(a, b) -> a == CheckOutcome.PASS || b == CheckOutcome.PASS ? CheckOutcome.PASS : CheckOutcome.FAIL);
			}
		}
		return outcomes;
	}

	/** Whether a value (or a data-absent-reason) exists at the dotted path, whose first part is the resource type. */
	static boolean populated(Resource resource, String path) {
		String[] parts = path.split("\\.");
		if (parts.length < 2 || !parts[0].equals(resource.fhirType())) {
			return false;
		}
		List<Base> current = List.of(resource);
		for (int i = 1; i < parts.length; i++) {
			List<Base> next = new ArrayList<>();
			for (Base base : current) {
				if (saysAbsent(base)) {
					return true;
				}
				Property property = base.getNamedProperty(parts[i]);
				if (property != null) {
					property.getValues().stream().filter(v -> v != null && !v.isEmpty()).forEach(next::add);
				}
			}
			if (next.isEmpty()) {
				return false;
			}
			current = next;
		}
		return true;
	}

	private static boolean saysAbsent(Base base) {
		return base instanceof Element element && element.getExtensionByUrl(DATA_ABSENT_REASON) != null;
	}
}
