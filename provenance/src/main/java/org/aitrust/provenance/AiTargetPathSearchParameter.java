package org.aitrust.provenance;

import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * The search parameter {@value #CODE} on Provenance: the elements a Provenance's targets name in their
 * {@value AiTransparency#EXTENSION_TARGET_PATH} extensions. With it a client finds the resources whose AI-written
 * elements include one, by reverse chaining: {@code Observation?_has:Provenance:target:ai-target-path=Observation.value}.
 *
 * <p>A {@code string} parameter, so HAPI matches a prefix by default ({@code Observation.component} finds
 * {@code Observation.component[1].value.ofType(Quantity)}) and the exact path with {@code :exact}. The IG defines no
 * search parameter for targetPath; this one is the project's, under its own canonical.
 */
public final class AiTargetPathSearchParameter {

	/** The parameter's code, as it is used in a search URL. */
	public static final String CODE = "ai-target-path";

	/** The id the module stores it at. */
	public static final String ID = "aitrust-ai-target-path";

	/** The parameter's canonical URL, in the project's namespace. */
	public static final String URL = "http://fhir-aitrust.org/SearchParameter/" + CODE;

	private AiTargetPathSearchParameter() {}

	/** A new SearchParameter resource defining {@value #CODE}, at its id {@value #ID}. */
	public static SearchParameter create() {
		SearchParameter parameter = new SearchParameter();
		parameter.setId(ID);
		parameter.setUrl(URL);
		parameter.setName("AiTargetPath");
		parameter.setStatus(PublicationStatus.ACTIVE);
		parameter.setDescription("The element of a Provenance target the Provenance is about, as its targetPath"
				+ " extension names it (a FHIRPath such as Observation.value.ofType(Quantity)); with AI-Provenance, the"
				+ " elements an AI wrote.");
		parameter.setCode(CODE);
		parameter.addBase("Provenance");
		parameter.setType(SearchParamType.STRING);
		parameter.setExpression(
				"Provenance.target.extension('" + AiTransparency.EXTENSION_TARGET_PATH + "').value");
		parameter.setXpathUsage(SearchParameter.XPathUsageType.NORMAL);
		return parameter;
	}
}
