package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource of a common clinical type that lacks an element every such resource needs to be usable, whatever
 * profile it claims: an Observation without a time, a Condition without a patient, a Patient without a birth date.
 * This is the profile-independent completeness check; completeness of a profile's must-support elements needs the
 * profile's StructureDefinition and is measured with validation.
 *
 * <table>
 * <caption>Expected elements</caption>
 * <tr><th>Type</th><th>Elements</th></tr>
 * <tr><td>Observation</td><td>status, code, subject, effective[x]</td></tr>
 * <tr><td>Condition</td><td>code, subject, clinicalStatus (unless verificationStatus is entered-in-error, when FHIR
 * forbids it: invariant con-5)</td></tr>
 * <tr><td>Encounter</td><td>status, class, subject, period</td></tr>
 * <tr><td>Patient</td><td>name, gender, birthDate</td></tr>
 * <tr><td>MedicationRequest</td><td>status, intent, medication[x], subject, authoredOn</td></tr>
 * <tr><td>Procedure</td><td>status, code, subject</td></tr>
 * <tr><td>Immunization</td><td>status, vaccineCode, patient, occurrence[x]</td></tr>
 * </table>
 *
 * <p>An element is present when it has a value (a primitive) or content (a complex type), or when it carries the
 * data-absent-reason extension ({@value #DATA_ABSENT_REASON}) saying why it is missing: a sender that explains an
 * absence has done what completeness asks. Resources of other types are not judged.
 */
public final class RequiredElementsCheck extends BaseQualityCheck {

	public static final String ID = "completeness-missing-required-element";

	static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

	private static final String CONDITION_VERIFICATION_STATUS =
			"http://terminology.hl7.org/CodeSystem/condition-ver-status";

	private static final Map<String, List<ExpectedElement>> EXPECTED = expectedElements();

	/**
	 * The table above with each element's model definition looked up once: a name the FHIR model does not know
	 * fails at start-up, not on the first write, and no write looks a definition up by name.
	 */
	private final Map<String, List<Resolved>> resolvedByType;

	public RequiredElementsCheck(FhirContext fhirContext) {
		super(BuiltInCheck.MISSING_REQUIRED_ELEMENT,
				"The resource lacks an element every resource of its type is expected to carry, without giving a"
				+ " data-absent-reason.");
		Map<String, List<Resolved>> resolved = new HashMap<>();
		EXPECTED.forEach((type, elements) -> {
			RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
			resolved.put(type, elements.stream()
					.map(element -> new Resolved(element, child(definition, element.name())))
					.toList());
		});
		this.resolvedByType = Map.copyOf(resolved);
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		List<Resolved> elements = resolvedByType.get(resource.fhirType());
		if (elements == null) {
			return CheckOutcome.NOT_APPLICABLE;
		}
		for (Resolved element : elements) {
			if (isMissing(element, resource)) {
				return CheckOutcome.FAIL;
			}
		}
		return CheckOutcome.PASS;
	}

	/** Also reports the path of each expected element missing ({@link FindingKind#ELEMENT_PATH}, {@code Observation.effective[x]}). */
	@Override
	public CheckFindings evaluateWithFindings(Resource resource, CheckContext context) {
		CheckOutcome outcome = evaluate(resource, context);
		if (outcome != CheckOutcome.FAIL) {
			return CheckFindings.of(outcome);
		}
		CheckFindings.Collector found = new CheckFindings.Collector();
		missingElements(resource).forEach(name -> found.violation(FindingKind.ELEMENT_PATH, resource.fhirType() + "." + name));
		return found.findings();
	}

	/**
	 * The resource types judged, each with the elements it is expected to carry, in the order of the table above.
	 * Conditional elements are listed too.
	 */
	public static Map<String, List<String>> expectedElementsByType() {
		Map<String, List<String>> names = new LinkedHashMap<>();
		EXPECTED.forEach((type, elements) -> names.put(type, elements.stream().map(ExpectedElement::name).toList()));
		return names;
	}

	/**
	 * The expected elements the resource lacks, by name as in the table above ({@code effective[x]}), so that
	 * the caller can count each; empty for resources of other types.
	 */
	public List<String> missingElements(Resource resource) {
		List<String> missing = new ArrayList<>();
		for (Resolved element : resolvedByType.getOrDefault(resource.fhirType(), List.of())) {
			if (isMissing(element, resource)) {
				missing.add(element.expected().name());
			}
		}
		return missing;
	}

	private static boolean isMissing(Resolved element, Resource resource) {
		if (!element.expected().expectedIn().test(resource)) {
			return false;
		}
		for (IBase value : element.child().getAccessor().getValues(resource)) {
			if (isPresentOrExplained(value)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isPresentOrExplained(IBase value) {
		if (value instanceof Element element && element.hasExtension(DATA_ABSENT_REASON)) {
			return true;
		}
		if (value instanceof PrimitiveType<?> primitive) {
			return primitive.hasValue();
		}
		return !value.isEmpty();
	}

	private static BaseRuntimeChildDefinition child(RuntimeResourceDefinition definition, String name) {
		BaseRuntimeChildDefinition child = definition.getChildByName(name);
		if (child == null) {
			throw new IllegalStateException(definition.getName() + " has no element " + name);
		}
		return child;
	}

	private static boolean notEnteredInError(Resource resource) {
		Condition condition = (Condition) resource;
		return !condition.hasVerificationStatus()
				|| !condition.getVerificationStatus().hasCoding(CONDITION_VERIFICATION_STATUS, "entered-in-error");
	}

	private static Map<String, List<ExpectedElement>> expectedElements() {
		Map<String, List<ExpectedElement>> expected = new LinkedHashMap<>();
		expected.put("Observation", always("status", "code", "subject", "effective[x]"));
		List<ExpectedElement> condition = new ArrayList<>(always("code", "subject"));
		condition.add(new ExpectedElement("clinicalStatus", RequiredElementsCheck::notEnteredInError));
		expected.put("Condition", List.copyOf(condition));
		expected.put("Encounter", always("status", "class", "subject", "period"));
		expected.put("Patient", always("name", "gender", "birthDate"));
		expected.put("MedicationRequest", always("status", "intent", "medication[x]", "subject", "authoredOn"));
		expected.put("Procedure", always("status", "code", "subject"));
		expected.put("Immunization", always("status", "vaccineCode", "patient", "occurrence[x]"));
		return Collections.unmodifiableMap(expected);
	}

	private static List<ExpectedElement> always(String... names) {
		List<ExpectedElement> elements = new ArrayList<>();
		for (String name : names) {
			elements.add(new ExpectedElement(name, resource -> true));
		}
		return List.copyOf(elements);
	}

	/**
	 * @param name the element's name as HAPI and FHIR know it, {@code [x]} included for a choice
	 * @param expectedIn whether this resource is expected to carry it
	 */
	private record ExpectedElement(String name, Predicate<Resource> expectedIn) {}

	/** An expected element with its definition in the server's FHIR model. */
	private record Resolved(ExpectedElement expected, BaseRuntimeChildDefinition child) {}
}
