package org.aitrust.provenance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

/**
 * The FHIRPath of every element of a resource that carries an inline AIAST security label, in the form an
 * AI-Provenance's {@code targetPath} extension names it.
 *
 * <p>The form: the resource type, then each element's name, a choice element as its name without {@code [x]} and
 * {@code ofType(<its type>)} ({@code Observation.value.ofType(Quantity)}, {@code effective.ofType(dateTime)}), and
 * every element that may repeat indexed from 0 even when it holds one value
 * ({@code Observation.component[1].value.ofType(Quantity)}, {@code DiagnosticReport.conclusionCode[0]}). So a path is
 * a FHIRPath expression naming exactly one element: evaluated on the resource (HAPI's FHIRPath engine, say) it returns
 * that element. Paths come out in document order, each once.
 */
final class InlineLabelPaths {

	private InlineLabelPaths() {}

	/** The paths of the elements carrying an inline AIAST label; empty when there is none. */
	static List<String> of(Resource resource) {
		if (resource == null) {
			return List.of();
		}
		Set<String> paths = new LinkedHashSet<>();
		// Iterative, so a deeply nested resource cannot overflow the stack; children are pushed in reverse so the
		// walk, and the paths, follow document order.
		Deque<Node> pending = new ArrayDeque<>();
		pending.push(new Node(resource, resource.fhirType()));
		while (!pending.isEmpty()) {
			Node node = pending.pop();
			List<Node> children = new ArrayList<>();
			for (Property child : node.element().children()) {
				List<Base> values = child.getValues();
				for (int i = 0; i < values.size(); i++) {
					Base value = values.get(i);
					if (value == null) {
						continue;
					}
					if (value instanceof Extension extension && isInlineAiastLabel(extension)) {
						paths.add(node.path());
						continue;
					}
					children.add(new Node(value, node.path() + "." + segment(child, value, i)));
				}
			}
			for (int i = children.size() - 1; i >= 0; i--) {
				pending.push(children.get(i));
			}
		}
		return List.copyOf(paths);
	}

	private static String segment(Property property, Base value, int index) {
		String name = property.getName();
		if (name.endsWith("[x]")) {
			// FHIRPath names a choice element by its name without [x] and selects the type with ofType().
			return name.substring(0, name.length() - 3) + ".ofType(" + value.fhirType() + ")";
		}
		return property.getMaxCardinality() > 1 ? name + "[" + index + "]" : name;
	}

	static boolean isInlineAiastLabel(Extension extension) {
		return AiTransparency.EXTENSION_INLINE_SECURITY_LABEL.equals(extension.getUrl())
				&& extension.getValue() instanceof org.hl7.fhir.r4.model.Coding coding
				&& AiLabels.matches(coding, AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, AiTransparency.CODE_AIAST);
	}

	private record Node(Base element, String path) {}
}
