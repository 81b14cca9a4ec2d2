package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeChildDefinition.IAccessor;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildContainedResources;
import ca.uhn.fhir.context.RuntimeChildPrimitiveDatatypeDefinition;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@link QualityChecks#evaluate} runs, the first check to ask walks the resource and the others reuse what it
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
		found.visitChildren(resource, WalkPlan.of(resource.getClass(), fhirContext), fhirContext);
		return found;
	}

	private void visit(IBase element, WalkPlan plan, FhirContext fhirContext) {
		switch (plan.kind()) {
			case CODING -> add(codings, (Coding) element);
			case QUANTITY -> add(quantities, (Quantity) element);
			case REFERENCE -> add(references, (Reference) element);
			case PERIOD -> add(periods, (Period) element);
			case OTHER -> {
				// neither sought nor, for a primitive, searched further
			}
		}
		visitChildren(element, plan, fhirContext);
	}

	private void visitChildren(IBase element, WalkPlan plan, FhirContext fhirContext) {
		for (WalkPlan.Child child : plan.children()) {
			for (IBase value : child.accessor().getValues(element)) {
				if (value == null) {
					continue;
				}
				WalkPlan valuePlan = WalkPlan.of(value.getClass(), fhirContext);
				// as for the terser, a resource inside another (a Bundle entry's) is not part of it; a contained one is
				if (child.contained() || !valuePlan.resource()) {
					visit(value, valuePlan, fhirContext);
				}
			}
		}
	}

	/**
	 * What the walk does with the elements of one class, worked out from HAPI's model once per class rather than
	 * asked of each element: which of the four sought types it is, whether it is a resource, and which of its
	 * children can hold anything sought. Asking each element whether it is a primitive or a resource meant checks
	 * against interfaces, which the JVM answers for a class that does not implement one by scanning every interface
	 * it does, on every call. A class's model is the same in every R4 context, so one plan per class serves them all.
	 */
	private record WalkPlan(Kind kind, boolean resource, Child[] children) {

		private static final Map<Class<?>, WalkPlan> BY_CLASS = new ConcurrentHashMap<>();

		enum Kind { CODING, QUANTITY, REFERENCE, PERIOD, OTHER }

		/** A child worth reading, and whether resources found in it are contained ones. */
		record Child(IAccessor accessor, boolean contained) {}

		static WalkPlan of(Class<?> type, FhirContext fhirContext) {
			WalkPlan plan = BY_CLASS.get(type);
			return plan != null ? plan : BY_CLASS.computeIfAbsent(type, key -> plan(key, fhirContext));
		}

		@SuppressWarnings("unchecked")
		private static WalkPlan plan(Class<?> type, FhirContext fhirContext) {
			// an Age, Duration or SimpleQuantity is a Quantity here, as it is to the terser
			Kind kind = Coding.class.isAssignableFrom(type) ? Kind.CODING
					: Quantity.class.isAssignableFrom(type) ? Kind.QUANTITY
					: Reference.class.isAssignableFrom(type) ? Kind.REFERENCE
					: Period.class.isAssignableFrom(type) ? Kind.PERIOD
					: Kind.OTHER;
			boolean resource = IBaseResource.class.isAssignableFrom(type);
			if (IPrimitiveType.class.isAssignableFrom(type)) {
				// as to the terser, a primitive value is a leaf: its own extensions are not searched
				return new WalkPlan(kind, resource, new Child[0]);
			}
			BaseRuntimeElementDefinition<?> definition = resource
					? fhirContext.getResourceDefinition((Class<? extends IBaseResource>) type)
					: fhirContext.getElementDefinition((Class<? extends IBase>) type);
			List<Child> children = new ArrayList<>();
			if (definition instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
				for (BaseRuntimeChildDefinition child : composite.getChildrenAndExtension()) {
					// a child that holds primitive values only holds leaves that are none of the four types
					if (!(child instanceof RuntimeChildPrimitiveDatatypeDefinition)) {
						children.add(new Child(child.getAccessor(), child instanceof RuntimeChildContainedResources));
					}
				}
			}
			return new WalkPlan(kind, resource, children.toArray(Child[]::new));
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
