package org.aitrust.provenance;

import org.hl7.fhir.r4.model.ContactDetail;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * The SearchParameter {@code ai-confidence}: a resource's own AIconfidence as a probability, so that
 * {@code Observation?ai-confidence=lt0.8} finds the resources whose AI said it was less than 80 % sure.
 *
 * <p>One {@code number} parameter covers both numeric forms the extension allows: a valueDecimal is indexed as it is
 * (0..1), and a valueQuantity in UCUM {@code %} is indexed divided by 100, by FHIRPath arithmetic in the expression,
 * which HAPI's extractor evaluates like any other path. So a client searches one scale, probabilities, whatever form
 * the writer chose. Only the extension on the resource itself counts (not one on an element), and a Range, code or
 * string confidence is not a number and is not indexed.
 */
public final class AiConfidenceSearchParameter {

	/** The id the module stores it at. */
	public static final String ID = "aitrust-ai-confidence";
	/** This project's canonical URL for it (the IG defines no search parameter). */
	public static final String URL = "http://fhir-aitrust.org/fhir/SearchParameter/ai-confidence";
	/** The name in a search URL. */
	public static final String CODE = "ai-confidence";

	private static final String CONFIDENCE = "extension('" + AiTransparency.EXTENSION_AI_CONFIDENCE + "').value";

	/**
	 * The decimal as it is, or the UCUM percentage over 100. The two paths are joined by a top-level {@code |}, which
	 * HAPI splits and evaluates one by one.
	 */
	public static final String EXPRESSION = CONFIDENCE + ".ofType(decimal) | (" + CONFIDENCE
			+ ".ofType(Quantity).where(system = 'http://unitsofmeasure.org' and code = '%').value / 100)";

	private AiConfidenceSearchParameter() {}

	/** A new copy of the SearchParameter, active, with its fixed id. */
	public static SearchParameter create() {
		SearchParameter parameter = new SearchParameter();
		parameter.setId(ID);
		parameter.setUrl(URL);
		parameter.setVersion("1");
		parameter.setName("AiConfidence");
		parameter.setStatus(Enumerations.PublicationStatus.ACTIVE);
		parameter.setExperimental(false);
		parameter.setPublisher("FHIR AI Trust");
		parameter.addContact(new ContactDetail().addTelecom(
				new ContactPoint().setSystem(ContactPoint.ContactPointSystem.URL).setValue("http://fhir-aitrust.org")));
		parameter.setDescription("The AI's confidence in the resource (extension " + AiTransparency.EXTENSION_AI_CONFIDENCE
				+ " on the resource itself), as a probability: a valueDecimal as it is, a valueQuantity in UCUM % divided by"
				+ " 100. Range, CodeableConcept and string confidences are not indexed.");
		parameter.setCode(CODE);
		parameter.addBase("Resource");
		parameter.setType(Enumerations.SearchParamType.NUMBER);
		parameter.setExpression(EXPRESSION);
		parameter.setXpathUsage(SearchParameter.XPathUsageType.NORMAL);
		for (SearchParameter.SearchComparator comparator : SearchParameter.SearchComparator.values()) {
			if (comparator != SearchParameter.SearchComparator.NULL && comparator != SearchParameter.SearchComparator.SA
					&& comparator != SearchParameter.SearchComparator.EB) {
				parameter.addComparator(comparator);
			}
		}
		return parameter;
	}
}
