package org.aitrust.provenance;

import org.hl7.fhir.r4.model.Coding;

/**
 * The vocabulary of the HL7 AI Transparency on FHIR IG ({@value #IG_CANONICAL}) and of the HL7 code
 * systems it uses, plus the two identifiers this project defines for itself.
 *
 * <p>This is the only place these URLs, codes and displays are spelled out; everything else in the
 * module refers to these constants, so a change in the IG is a change in one file. Codes and displays
 * follow the IG's FSH sources ({@code AIProvenance.fsh}, {@code AIDevice.fsh}, {@code Labeling.fsh}).
 *
 * <p>HAPI model objects are mutable, so codings are handed out by factory methods that return a new
 * {@link Coding} on every call: a caller that edits its copy cannot corrupt anyone else's.
 */
public final class AiTransparency {

	// ---- the IG and its profiles ------------------------------------------------------------------

	/** Canonical URL of the AI Transparency on FHIR IG; also used as {@code Provenance.policy}. */
	public static final String IG_CANONICAL = "http://hl7.org/fhir/uv/aitransparency";

	private static final String STRUCTURE_DEFINITION = IG_CANONICAL + "/StructureDefinition/";
	private static final String CODE_SYSTEM = IG_CANONICAL + "/CodeSystem/";

	// ---- the IG's conformance resources, as this module packs them -----------------------------------

	/**
	 * Name of the FHIR NPM package this module's jar carries: the IG's profiles, extensions, code systems and value
	 * sets, translated by this project from the IG's FSH (built from {@code src/main/fhir-package}; not the official
	 * HL7 package). The module loads it whenever validation is on, because its own writes claim these profiles.
	 */
	public static final String MODULE_PACKAGE_NAME = "aitrust.aitransparency";

	public static final String MODULE_PACKAGE_VERSION = "0.1.0";

	/** The package's id as the FHIR NPM library and the module's package store spell it: {@code name#version}. */
	public static final String MODULE_PACKAGE_ID = MODULE_PACKAGE_NAME + "#" + MODULE_PACKAGE_VERSION;

	/** Where the package is, in the form {@code aitrust.validation.packages} takes (the pom builds that file). */
	public static final String MODULE_PACKAGE_LOCATION =
			"classpath:packages/" + MODULE_PACKAGE_NAME + "-" + MODULE_PACKAGE_VERSION + ".tgz";

	/** Profile on Provenance for a record of an AI system writing FHIR content. */
	public static final String PROFILE_AI_PROVENANCE = STRUCTURE_DEFINITION + "AI-Provenance";

	/** Profile on Device for an AI system. */
	public static final String PROFILE_AI_DEVICE = STRUCTURE_DEFINITION + "AI-Device";

	/** Profile on DocumentReference for a Model-Card describing an AI system. */
	public static final String PROFILE_AI_MODEL_CARD = STRUCTURE_DEFINITION + "AI-ModelCard";

	/** Profile on DocumentReference for the prompt given to an AI system. */
	public static final String PROFILE_AI_INPUT_PROMPT = STRUCTURE_DEFINITION + "AI-InputPrompt";

	// ---- extensions --------------------------------------------------------------------------------

	/** Device extension whose valueReference points to the AI-ModelCard DocumentReference. */
	public static final String EXTENSION_MODEL_CARD_DESCRIPTION =
			STRUCTURE_DEFINITION + "aitransparency.modelCardDescription";

	/** Device extension whose valueCodeableConcept says which kind of AI the device is. */
	public static final String EXTENSION_AI_KIND = STRUCTURE_DEFINITION + "aitransparency.AIKind";

	/**
	 * Extension on any resource or element: the AI's confidence in the result there (decimal 0..1, Quantity in %,
	 * Range, certainty-rating code or string).
	 */
	public static final String EXTENSION_AI_CONFIDENCE = STRUCTURE_DEFINITION + "AIconfidence";

	/** The value set AIconfidence.valueCodeableConcept is bound to (required). */
	public static final String VALUE_SET_CERTAINTY_RATING = "http://terminology.hl7.org/ValueSet/certainty-rating";

	/** The code system of {@link #VALUE_SET_CERTAINTY_RATING}, which the module's package carries. */
	public static final String SYSTEM_CERTAINTY_RATING = "http://terminology.hl7.org/CodeSystem/certainty-rating";

	/** DS4P extension that puts a security label on a single element instead of the whole resource. */
	public static final String EXTENSION_INLINE_SECURITY_LABEL =
			"http://hl7.org/fhir/uv/security-label-ds4p/StructureDefinition/extension-inline-sec-label";

	/**
	 * The extension the IG's examples put on {@code Provenance.target} to name the element of the target the
	 * Provenance is about (a FHIRPath); defined by HL7 in the FHIR extensions pack, on Reference, valueString.
	 */
	public static final String EXTENSION_TARGET_PATH = "http://hl7.org/fhir/StructureDefinition/targetPath";

	// ---- AIdeviceTypeCS ----------------------------------------------------------------------------

	/** IG code system for Device.type and the AI agent's role in AI-Provenance. */
	public static final String SYSTEM_AI_DEVICE_TYPE = CODE_SYSTEM + "AIdeviceTypeCS";

	public static final String CODE_ARTIFICIAL_INTELLIGENCE = "Artificial-Intelligence";

	// ---- AIinputsCS --------------------------------------------------------------------------------

	/** IG code system for the type and category of Model-Card and Input-Prompt DocumentReferences. */
	public static final String SYSTEM_AI_INPUTS = CODE_SYSTEM + "AIinputsCS";

	public static final String CODE_AI_MODEL_CARD = "AIModelCard";
	public static final String DISPLAY_AI_MODEL_CARD = "AI Model-Card";
	public static final String CODE_AI_MODEL_CARD_MARKDOWN_FORMAT = "AIModelCardMarkdownFormat";
	public static final String DISPLAY_AI_MODEL_CARD_MARKDOWN_FORMAT = "Markdown Format";
	public static final String CODE_AI_MODEL_CARD_CHAI_FORMAT = "AImodelCardCHAIformat";
	public static final String DISPLAY_AI_MODEL_CARD_CHAI_FORMAT = "CHAI Format";
	public static final String CODE_AI_INPUT_PROMPT = "AIInputPrompt";
	public static final String DISPLAY_AI_INPUT_PROMPT = "AI Input Prompt";

	/** Content type the AI-ModelCard profile fixes for its Markdown slice. */
	public static final String MEDIA_TYPE_MARKDOWN = "text/markdown";

	/** Content type the AI-ModelCard profile fixes for its CHAI slice. */
	public static final String MEDIA_TYPE_CHAI_XML = "application/xml";

	// ---- security labels ---------------------------------------------------------------------------

	public static final String SYSTEM_V3_OBSERVATION_VALUE =
			"http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

	/** The label the IG uses, on meta.security or inline, for content an AI system asserted. */
	public static final String CODE_AIAST = "AIAST";
	public static final String DISPLAY_AIAST = "Artificial Intelligence asserted";

	public static final String SYSTEM_V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	/** Resource-level label telling consumers that some elements carry their own inline labels. */
	public static final String CODE_PROCESSINLINELABEL = "PROCESSINLINELABEL";
	public static final String DISPLAY_PROCESSINLINELABEL = "process inline security label";

	// ---- Provenance.activity: v3-DataOperation -----------------------------------------------------

	public static final String SYSTEM_V3_DATA_OPERATION =
			"http://terminology.hl7.org/CodeSystem/v3-DataOperation";

	public static final String CODE_DATA_OPERATION_CREATE = "CREATE";
	public static final String DISPLAY_DATA_OPERATION_CREATE = "create";
	public static final String CODE_DATA_OPERATION_UPDATE = "UPDATE";
	public static final String DISPLAY_DATA_OPERATION_UPDATE = "revise";
	public static final String CODE_DATA_OPERATION_DELETE = "DELETE";
	public static final String DISPLAY_DATA_OPERATION_DELETE = "delete";

	// ---- Provenance.agent.type: provenance-participant-type ----------------------------------------

	public static final String SYSTEM_PROVENANCE_PARTICIPANT_TYPE =
			"http://terminology.hl7.org/CodeSystem/provenance-participant-type";

	public static final String CODE_PARTICIPANT_AUTHOR = "author";
	public static final String DISPLAY_PARTICIPANT_AUTHOR = "Author";
	public static final String CODE_PARTICIPANT_VERIFIER = "verifier";
	public static final String DISPLAY_PARTICIPANT_VERIFIER = "Verifier";
	public static final String CODE_PARTICIPANT_ENTERER = "enterer";
	public static final String DISPLAY_PARTICIPANT_ENTERER = "Enterer";
	public static final String CODE_PARTICIPANT_INFORMANT = "informant";
	public static final String DISPLAY_PARTICIPANT_INFORMANT = "Informant";
	public static final String CODE_PARTICIPANT_PERFORMER = "performer";
	public static final String DISPLAY_PARTICIPANT_PERFORMER = "Performer";

	// ---- Provenance.agent.type: v3-ParticipationType, the older codes for the same roles -----------

	public static final String SYSTEM_V3_PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

	/** v3-ParticipationType "verifier". */
	public static final String CODE_PARTICIPATION_VERIFIER = "VRF";
	/** v3-ParticipationType "data entry person", the enterer. */
	public static final String CODE_PARTICIPATION_ENTERER = "ENT";

	// ---- Provenance.entity.role: provenance-entity-role (a plain code in R4) -----------------------

	public static final String SYSTEM_PROVENANCE_ENTITY_ROLE = "http://hl7.org/fhir/provenance-entity-role";

	public static final String CODE_ENTITY_ROLE_DERIVATION = "derivation";
	public static final String CODE_ENTITY_ROLE_REVISION = "revision";
	public static final String CODE_ENTITY_ROLE_QUOTATION = "quotation";
	public static final String CODE_ENTITY_ROLE_SOURCE = "source";
	public static final String CODE_ENTITY_ROLE_REMOVAL = "removal";

	// ---- this project's own identifiers (not part of the IG) ---------------------------------------

	/**
	 * This project's own code system for the outcome of a human review of AI-written content; its codes
	 * are defined by {@link AiReviewOutcome}. The IG defines no such codes.
	 */
	public static final String PROJECT_SYSTEM_AI_REVIEW_OUTCOME =
			"http://fhir-aitrust.org/CodeSystem/ai-review-outcome";

	/**
	 * This project's own identifier system for the Devices (and their Model-Cards) that this module
	 * creates; the value is {@link AiModel#identifierValue()}. The IG leaves Device.identifier open.
	 */
	public static final String PROJECT_NAMING_SYSTEM_AI_MODEL =
			"http://fhir-aitrust.org/NamingSystem/ai-model";

	/**
	 * This project's own tag system. The module tags every Provenance it writes with {@link
	 * #PROJECT_TAG_MODULE_WRITTEN}, which is how it recognises them to keep them immutable.
	 */
	public static final String PROJECT_SYSTEM_TAG = "http://fhir-aitrust.org/CodeSystem/aitrust-tag";

	public static final String PROJECT_TAG_MODULE_WRITTEN = "module-written";

	/**
	 * Tag (in {@link #PROJECT_SYSTEM_TAG}) the module puts on a client's own AI-Provenance that it recognised as the
	 * record of an AI write (the IG's transaction pattern) and checked; such a Provenance is kept immutable like the
	 * module's own.
	 */
	public static final String PROJECT_TAG_CLIENT_SUPPLIED = "client-supplied";

	/** Identifier system for the clients (principals or gateway-named systems) that submit writes. */
	public static final String PROJECT_NAMING_SYSTEM_CLIENT = "http://fhir-aitrust.org/NamingSystem/client";

	private AiTransparency() {}

	// ---- fresh codings -----------------------------------------------------------------------------

	/** v3-ObservationValue#AIAST "Artificial Intelligence asserted". */
	public static Coding aiastCoding() {
		return new Coding(SYSTEM_V3_OBSERVATION_VALUE, CODE_AIAST, DISPLAY_AIAST);
	}

	/** v3-ActCode#PROCESSINLINELABEL "process inline security label". */
	public static Coding processInlineLabelCoding() {
		return new Coding(SYSTEM_V3_ACT_CODE, CODE_PROCESSINLINELABEL, DISPLAY_PROCESSINLINELABEL);
	}

	/**
	 * AIdeviceTypeCS#Artificial-Intelligence: the AI-Device type and the AI-Provenance agent role. It
	 * carries no display on purpose: both profiles fix this CodeableConcept exactly ({@code fixed[x]},
	 * from FSH's {@code (exactly)}), so an added display would make the resource non-conformant.
	 */
	public static Coding artificialIntelligenceCoding() {
		return new Coding().setSystem(SYSTEM_AI_DEVICE_TYPE).setCode(CODE_ARTIFICIAL_INTELLIGENCE);
	}

	/** AIinputsCS#AIModelCard: the type of every AI-ModelCard DocumentReference. */
	public static Coding aiModelCardCoding() {
		return new Coding(SYSTEM_AI_INPUTS, CODE_AI_MODEL_CARD, DISPLAY_AI_MODEL_CARD);
	}

	/** AIinputsCS#AIModelCardMarkdownFormat: category of a Model-Card written in Markdown. */
	public static Coding aiModelCardMarkdownFormatCoding() {
		return new Coding(
				SYSTEM_AI_INPUTS, CODE_AI_MODEL_CARD_MARKDOWN_FORMAT, DISPLAY_AI_MODEL_CARD_MARKDOWN_FORMAT);
	}

	/** AIinputsCS#AImodelCardCHAIformat: category of a Model-Card in the CHAI XML format. */
	public static Coding aiModelCardChaiFormatCoding() {
		return new Coding(
				SYSTEM_AI_INPUTS, CODE_AI_MODEL_CARD_CHAI_FORMAT, DISPLAY_AI_MODEL_CARD_CHAI_FORMAT);
	}

	/** AIinputsCS#AIInputPrompt: the type of an AI-InputPrompt DocumentReference. */
	public static Coding aiInputPromptCoding() {
		return new Coding(SYSTEM_AI_INPUTS, CODE_AI_INPUT_PROMPT, DISPLAY_AI_INPUT_PROMPT);
	}

	/** provenance-participant-type#author. */
	public static Coding authorParticipantCoding() {
		return participant(CODE_PARTICIPANT_AUTHOR, DISPLAY_PARTICIPANT_AUTHOR);
	}

	/** provenance-participant-type#verifier. */
	public static Coding verifierParticipantCoding() {
		return participant(CODE_PARTICIPANT_VERIFIER, DISPLAY_PARTICIPANT_VERIFIER);
	}

	/** provenance-participant-type#enterer. */
	public static Coding entererParticipantCoding() {
		return participant(CODE_PARTICIPANT_ENTERER, DISPLAY_PARTICIPANT_ENTERER);
	}

	/** provenance-participant-type#informant: the IG's type for an AI that only informed a human author. */
	public static Coding informantParticipantCoding() {
		return participant(CODE_PARTICIPANT_INFORMANT, DISPLAY_PARTICIPANT_INFORMANT);
	}

	/** provenance-participant-type#performer. */
	public static Coding performerParticipantCoding() {
		return participant(CODE_PARTICIPANT_PERFORMER, DISPLAY_PARTICIPANT_PERFORMER);
	}

	private static Coding participant(String code, String display) {
		return new Coding(SYSTEM_PROVENANCE_PARTICIPANT_TYPE, code, display);
	}
}
