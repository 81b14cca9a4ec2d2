package org.aitrust.interceptor.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;

/**
 * Serves the two HL7 code systems behind AI labels with the codes the labels use: {@code v3-ObservationValue}
 * with AIAST and {@code v3-ActCode} with PROCESSINLINELABEL. The copies bundled with FHIR R4 predate both
 * codes, so without this every AI-labelled resource would fail validation with "Unknown code". Each answer is
 * the bundled copy plus the missing code, not a fragment, so every other code is checked as strictly as before.
 * Placed first in the server's validation chain.
 */
public class AiLabelCodeSystemSupport implements IValidationSupport {

	private static final Map<String, Coding> MISSING_CODES = Map.of(
			AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, AiTransparency.aiastCoding(),
			AiTransparency.SYSTEM_V3_ACT_CODE, AiTransparency.processInlineLabelCoding());

	private final FhirContext fhirContext;
	private final Map<String, CodeSystem> completed = new ConcurrentHashMap<>();

	public AiLabelCodeSystemSupport(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	public FhirContext getFhirContext() {
		return fhirContext;
	}

	@Override
	public String getName() {
		return "FHIR AI Trust: AI label codes";
	}

	@Override
	public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
		return MISSING_CODES.containsKey(system);
	}

	@Override
	public IBaseResource fetchCodeSystem(String system) {
		Coding missing = MISSING_CODES.get(system);
		return missing == null ? null : completed.computeIfAbsent(system, s -> complete(s, missing));
	}

	private CodeSystem complete(String system, Coding missing) {
		IBaseResource bundled = fhirContext.getValidationSupport().fetchCodeSystem(system);
		CodeSystem codeSystem = bundled instanceof CodeSystem core ? core.copy() : fragment(system);
		boolean present = codeSystem.getConcept().stream().anyMatch(c -> missing.getCode().equals(c.getCode()));
		if (!present) {
			codeSystem.addConcept().setCode(missing.getCode()).setDisplay(missing.getDisplay());
			if (codeSystem.hasCount()) {
				codeSystem.setCount(codeSystem.getCount() + 1);
			}
		}
		return codeSystem;
	}

	private static CodeSystem fragment(String system) {
		CodeSystem codeSystem = new CodeSystem();
		codeSystem.setUrl(system);
		codeSystem.setStatus(Enumerations.PublicationStatus.ACTIVE);
		codeSystem.setContent(CodeSystem.CodeSystemContentMode.FRAGMENT);
		return codeSystem;
	}
}
