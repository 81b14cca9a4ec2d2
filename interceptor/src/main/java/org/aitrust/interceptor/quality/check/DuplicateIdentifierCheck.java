package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource whose business identifier is already carried by another resource of the same type: a second
 * Patient with the same medical record number, the same lab accession number on two Observations. Such duplicates
 * split one patient's or one event's record in two and double every count made from it.
 *
 * <p>Only identifiers that are unique by definition are judged, since many identifiers are shared on purpose (a claim
 * group that every ExplanationOfBenefit of one claim carries). An identifier is unique by definition when
 * <ul>
 * <li>its {@code type} has a code of HL7 v2 table 0203 ({@value #V2_0203}) that names one person, organisation,
 * document or event: {@link #UNIQUE_TYPES};</li>
 * <li>its {@code use} is {@code official}: R4 defines it as "the identifier considered to be most trusted for the
 * identification of this item";</li>
 * <li>or its system is one the administrator lists ({@code aitrust.quality.unique-identifier-systems}; by default
 * the US NPI and SSN systems).</li>
 * </ul>
 * Any other identifier is not judged, and a resource with none is not applicable. The resource's own
 * {@code identifier} element is judged (one or many, as its type defines), for identifiers with both a system and a
 * value; an identifier without a system names nothing unique. The resource's own earlier versions are not
 * "another resource".
 */
public final class DuplicateIdentifierCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-duplicate-identifier";

	static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

	/**
	 * Identifier types of v2 table 0203 whose definitions name one person or one item: medical record and patient
	 * numbers, national and government person identifiers and documents, a provider's own licence and registration
	 * numbers, and the identifiers of one specimen, observation instance, claim or manufactured item. Left out on
	 * purpose: types several resources share by design, such as accession numbers (every result of one order),
	 * member and subscriber numbers (a family), tax and employer numbers (the departments of one company), UDI (a
	 * device model's DI), group and account numbers.
	 */
	public static final Set<String> UNIQUE_TYPES = Set.of(
			"MR", "MRT", "PI", "PE", "PN", "PT", "JHN", "NI", "SS", "SB", "DL", "PPN", "BCT", "DC", "CZ", "MC", "MA", "DR",
			"NPI", "MD", "DDS", "DO", "DPM", "RN", "NP", "PA", "RPH", "OD", "DEA", "UPIN",
			"SID", "USID", "OBI", "UCID", "SNO");

	private final FhirContext fhirContext;

	public DuplicateIdentifierCheck(FhirContext fhirContext) {
		super(BuiltInCheck.DUPLICATE_IDENTIFIER,
				"An identifier unique by definition (by its v2-0203 type, use official, or a configured system) is carried by another resource of the same type.");
		this.fhirContext = fhirContext;
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		Set<SystemAndValue> identifiers = identifiers(resource, context);
		if (identifiers.isEmpty()) {
			return CheckOutcome.NOT_APPLICABLE;
		}
		String resourceType = resource.fhirType();
		String selfIdPart = resource.hasIdElement() ? resource.getIdElement().getIdPart() : null;
		for (SystemAndValue identifier : identifiers) {
			if (context.identifierUsedByAnother(resourceType, identifier.system(), identifier.value(), selfIdPart)) {
				return CheckOutcome.FAIL;
			}
		}
		return CheckOutcome.PASS;
	}

	/** The distinct system|value pairs, unique by definition, the resource carries in its {@code identifier} element. */
	private Set<SystemAndValue> identifiers(Resource resource, CheckContext context) {
		Set<SystemAndValue> identifiers = new LinkedHashSet<>();
		BaseRuntimeChildDefinition child = fhirContext.getResourceDefinition(resource).getChildByName("identifier");
		if (child == null) {
			return identifiers;
		}
		List<IBase> values = child.getAccessor().getValues(resource);
		for (IBase value : values) {
			if (value instanceof Identifier identifier
					&& !isBlank(identifier.getSystem()) && !isBlank(identifier.getValue())
					&& uniqueByDefinition(identifier, context)) {
				identifiers.add(new SystemAndValue(identifier.getSystem(), identifier.getValue()));
			}
		}
		return identifiers;
	}

	/** Whether the identifier is unique by its type, its use or its system, as the class describes. */
	static boolean uniqueByDefinition(Identifier identifier, CheckContext context) {
		if (identifier.getUse() == Identifier.IdentifierUse.OFFICIAL) {
			return true;
		}
		// has-before-get: the model's getters create what is missing, and the resource being written must not change
		for (Coding coding : identifier.hasType() ? identifier.getType().getCoding() : List.<Coding>of()) {
			if (V2_0203.equals(coding.getSystem()) && UNIQUE_TYPES.contains(coding.getCode())) {
				return true;
			}
		}
		return context.identifierSystemUnique(identifier.getSystem());
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

	private record SystemAndValue(String system, String value) {}
}
