package org.aitrust.interceptor.quality.check;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where elements sit in a resource, as paths from its type without indexes ({@code Observation.component.valueQuantity},
 * a choice named by its type as FHIR names it). A contained resource's elements are under
 * {@code contained.ofType(Type)}; a resource inside another that is not contained (a Bundle entry's) is not searched.
 * Walks the model with every element's name, which the shared walk of {@link PopulatedElements} does not keep for its
 * cost, so it is asked only for resources that violated a check.
 */
final class ElementPaths {

	private ElementPaths() {}

	/** The path of each sought element found in the resource, by identity. */
	static Map<Base, String> of(Resource resource, Set<Base> sought) {
		Map<Base, String> found = new IdentityHashMap<>();
		walk(resource, resource.fhirType(), sought, found);
		return found;
	}

	private static void walk(Base element, String path, Set<Base> sought, Map<Base, String> found) {
		for (Property property : element.children()) {
			if (!property.hasValues()) {
				continue;
			}
			for (Base value : property.getValues()) {
				if (value == null || value.isPrimitive()) {
					continue;
				}
				String childPath;
				if (value instanceof Resource contained) {
					if (!"contained".equals(property.getName())) {
						continue;
					}
					childPath = path + ".contained.ofType(" + contained.fhirType() + ")";
				} else {
					childPath = path + "." + name(property.getName(), value);
				}
				if (sought.contains(value)) {
					found.put(value, childPath);
				}
				walk(value, childPath, sought, found);
			}
		}
	}

	/** A choice element ({@code value[x]}) is named by the type it holds ({@code valueQuantity}), as in FHIR's JSON. */
	private static String name(String name, Base value) {
		if (!name.endsWith("[x]")) {
			return name;
		}
		String type = value.fhirType();
		return name.substring(0, name.length() - 3) + Character.toUpperCase(type.charAt(0)) + type.substring(1);
	}
}
