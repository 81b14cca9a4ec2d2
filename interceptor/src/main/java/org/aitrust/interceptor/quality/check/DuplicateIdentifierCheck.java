package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource whose business identifier is already carried by another resource of the same type: a second
 * Patient with the same medical record number, the same lab accession number on two Observations. Such duplicates
 * split one patient's or one event's record in two and double every count made from it.
 *
 * <p>The resource's own {@code identifier} element is judged (one or many, as its type defines), for identifiers
 * with both a system and a value; an identifier without a system names nothing unique. Identifiers of every
 * {@code use}, {@code old} included, count: a quality team wants to see old numbers reused too. The resource's own
 * earlier versions are not "another resource".
 */
public final class DuplicateIdentifierCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-duplicate-identifier";

	private final FhirContext fhirContext;

	public DuplicateIdentifierCheck(FhirContext fhirContext) {
		super(BuiltInCheck.DUPLICATE_IDENTIFIER,
				"An identifier (system and value) of the resource is carried by another resource of the same type.");
		this.fhirContext = fhirContext;
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		Set<SystemAndValue> identifiers = identifiers(resource);
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

	/** The distinct system|value pairs the resource carries in its {@code identifier} element. */
	private Set<SystemAndValue> identifiers(Resource resource) {
		Set<SystemAndValue> identifiers = new LinkedHashSet<>();
		BaseRuntimeChildDefinition child = fhirContext.getResourceDefinition(resource).getChildByName("identifier");
		if (child == null) {
			return identifiers;
		}
		List<IBase> values = child.getAccessor().getValues(resource);
		for (IBase value : values) {
			if (value instanceof Identifier identifier
					&& !isBlank(identifier.getSystem()) && !isBlank(identifier.getValue())) {
				identifiers.add(new SystemAndValue(identifier.getSystem(), identifier.getValue()));
			}
		}
		return identifiers;
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

	private record SystemAndValue(String system, String value) {}
}
