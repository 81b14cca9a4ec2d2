package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildContainedResources;
import ca.uhn.fhir.context.RuntimeChildPrimitiveDatatypeDefinition;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The Codings, Quantities, References and Periods populated anywhere in a resource, extensions and contained
 * resources included, as {@link FhirTerser#getAllPopulatedChildElementsOfType} finds them, but found in one walk.
 * A walk of a resource's model costs more than most checks' own logic, and four checks need one each: while
 * {@link QualityChecks#evaluateAll} runs, the first check to ask walks the resource and the others reuse what it
 * found. Outside that, each call walks afresh, so a resource changed between calls is never answered from memory.
 *
 * <p>The walk follows HAPI's model definitions as the terser does, primitive values being leaves whose own
 * extensions are not searched, but calls no visitor and keeps no path: the terser's visitor did both for every
 * element, which made the walk most of the checks' cost. Nor does it read an element declared to hold primitives:
 * most elements of a resource are, and none of them can hold what is sought.
 */
final class PopulatedElements {

	private static final String MEMO_KEY = PopulatedElements.class.getName();

	private final List<Coding> codings = new ArrayList<>();
	private final List<Quantity> quantities = new ArrayList<>();
	private final List<Reference> references = new ArrayList<>();
	private final List<Period> periods = new ArrayList<>();

	private PopulatedElements() {}

	/** What the resource holds: remembered while its checks are evaluated together, else walked now. */
	static PopulatedElements of(Resource resource, FhirContext fhirContext) {
		if (resource.getUserData(MEMO_KEY) instanceof Memo memo) {
			if (memo.walked == null) {
				memo.walked = walk(resource, fhirContext);
			}
			return memo.walked;
		}
		return walk(resource, fhirContext);
	}

	/** Lets checks share one walk of the resource until {@link #forget} is called. */
	static void remember(Resource resource) {
		resource.setUserData(MEMO_KEY, new Memo());
	}

	static void forget(Resource resource) {
		resource.setUserData(MEMO_KEY, null);
	}

	List<Coding> codings() {
		return codings;
	}

	List<Quantity> quantities() {
		return quantities;
	}

	List<Reference> references() {
		return references;
	}

	List<Period> periods() {
		return periods;
	}

	private static PopulatedElements walk(Resource resource, FhirContext fhirContext) {
		PopulatedElements found = new PopulatedElements();
		found.visitChildren(resource, fhirContext.getResourceDefinition(resource), fhirContext);
		return found;
	}

	private void visit(IBase element, FhirContext fhirContext) {
		// an Age, Duration or SimpleQuantity is a Quantity here, as it is to the terser
		if (element instanceof Coding coding) {
			add(codings, coding);
		} else if (element instanceof Quantity quantity) {
			add(quantities, quantity);
		} else if (element instanceof Reference reference) {
			add(references, reference);
		} else if (element instanceof Period period) {
			add(periods, period);
		}
		if (element instanceof IPrimitiveType<?>) {
			// as to the terser, a primitive value is a leaf: its own extensions are not searched
			return;
		}
		BaseRuntimeElementDefinition<?> definition = element instanceof IBaseResource containedResource
				? fhirContext.getResourceDefinition(containedResource)
				: fhirContext.getElementDefinition(element.getClass());
		if (definition instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
			visitChildren(element, composite, fhirContext);
		}
	}

	private void visitChildren(IBase element, BaseRuntimeElementCompositeDefinition<?> definition, FhirContext fhirContext) {
		for (BaseRuntimeChildDefinition child : definition.getChildrenAndExtension()) {
			if (child instanceof RuntimeChildPrimitiveDatatypeDefinition) {
				// holds primitive values only, leaves that are none of the four types: not worth reading
				continue;
			}
			boolean contained = child instanceof RuntimeChildContainedResources;
			for (IBase value : child.getAccessor().getValues(element)) {
				// as for the terser, a resource inside another (a Bundle entry's) is not part of it; a contained one is
				if (value != null && (contained || !(value instanceof IBaseResource))) {
					visit(value, fhirContext);
				}
			}
		}
	}

	private <T extends IBase> void add(List<T> list, T element) {
		if (!element.isEmpty()) {
			list.add(element);
		}
	}

	private static final class Memo {
		private PopulatedElements walked;
	}
}
