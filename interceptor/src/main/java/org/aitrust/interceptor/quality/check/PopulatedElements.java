package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.IModelVisitor;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
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
 */
final class PopulatedElements {

	private static final String MEMO_KEY = PopulatedElements.class.getName();

	private final List<Coding> codings = new ArrayList<>();
	private final List<Quantity> quantities = new ArrayList<>();
	private final List<Reference> references = new ArrayList<>();
	private final List<Period> periods = new ArrayList<>();

	private PopulatedElements() {}

	/** What the resource holds: remembered while its checks are evaluated together, else walked now. */
	static PopulatedElements of(Resource resource, FhirTerser terser) {
		if (resource.getUserData(MEMO_KEY) instanceof Memo memo) {
			if (memo.walked == null) {
				memo.walked = walk(resource, terser);
			}
			return memo.walked;
		}
		return walk(resource, terser);
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

	private static PopulatedElements walk(Resource resource, FhirTerser terser) {
		PopulatedElements found = new PopulatedElements();
		terser.visit(resource, new IModelVisitor() {
			@Override
			public void acceptElement(
					IBaseResource outerResource,
					IBase element,
					List<String> path,
					BaseRuntimeChildDefinition childDefinition,
					BaseRuntimeElementDefinition<?> definition) {
				// an Age, Duration or SimpleQuantity is a Quantity here, as it is to the terser
				if (element instanceof Coding coding) {
					found.add(found.codings, coding);
				} else if (element instanceof Quantity quantity) {
					found.add(found.quantities, quantity);
				} else if (element instanceof Reference reference) {
					found.add(found.references, reference);
				} else if (element instanceof Period period) {
					found.add(found.periods, period);
				}
			}
		});
		return found;
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
