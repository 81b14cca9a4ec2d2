package org.aitrust.provenance;

import java.util.ArrayDeque;
import java.util.Deque;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Property;

/**
 * Finds an inline AIAST security label anywhere inside a resource.
 *
 * <p>Inline labels can sit on any element: a primitive such as {@code DiagnosticReport.conclusion},
 * a complex type such as {@code conclusionCode}, or something nested deep in a backbone element. The
 * search therefore walks the whole element tree through HAPI's generic {@link Base#children()}
 * rather than a list of known paths, and it works for every resource type. Contained and nested
 * resources (e.g. Bundle entries) are walked too, since their elements are part of the content the
 * label describes.
 */
final class InlineSecurityLabelSearch {

	private InlineSecurityLabelSearch() {}

	/** Whether any extension under {@code root} is the DS4P inline-sec-label valued AIAST. */
	static boolean containsAiast(Base root) {
		if (root == null) {
			return false;
		}
		// Iterative, so a deeply nested resource cannot overflow the stack.
		Deque<Base> pending = new ArrayDeque<>();
		pending.push(root);
		while (!pending.isEmpty()) {
			Base node = pending.pop();
			if (node instanceof Extension extension && isInlineAiastLabel(extension)) {
				return true;
			}
			for (Property child : node.children()) {
				for (Base value : child.getValues()) {
					if (value != null) {
						pending.push(value);
					}
				}
			}
		}
		return false;
	}

	private static boolean isInlineAiastLabel(Extension extension) {
		return InlineLabelPaths.isInlineAiastLabel(extension);
	}
}
