package org.aitrust.provenance;

import static org.aitrust.fixtures.FixturePackage.errors;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aitrust.fixtures.FixturePackage;
import org.aitrust.fixtures.fsh.FshInstanceBuilder;
import org.aitrust.fixtures.fsh.FshInstances;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every example instance of the HL7 AI Transparency IG ({@code ../shared/corpora/aitransparency-ig}, FSH only: the IG
 * repository commits no JSON of them), built from its FSH at test time and validated against the module's package,
 * with HL7 terminology and the extensions pack loaded after it as a server would configure them. An instance that is
 * R4-valid must have no error; the ones that are not are listed in {@link #NOT_R4_VALID} with the reason, and the test
 * fails if that list is wrong in either direction. Runs when the shared corpus is present.
 */
class AiTransparencyIgExamplesTest {

	static final String CORPUS = "aitransparency-ig";

	/** The instances that are not valid R4 as the IG writes them, and why. Checked in both directions. */
	static final Map<String, String> NOT_R4_VALID = new LinkedHashMap<>();

	static {
		String noRole = "its AI agent (agent[AIagent]) has no role. AI-Provenance recognises the AIagent slice by its"
				+ " role, fixed to AIdeviceTypeCS#Artificial-Intelligence, and role is optional (0..*), so SUSHI does not"
				+ " fill it in: the required AIagent slice is not found. An IG error (AI-full-lorem-ipsum, which sets the"
				+ " role, validates)";
		for (String provenance : List.of("AI-generated-patient-resource", "AI-Contributed-OtherModel",
				"AI-Generated-Lab-Results", "AI-PriorAuth-Provenance", "AI-Authored-Element", "AI-Contributed")) {
			NOT_R4_VALID.put(provenance, noRole);
		}
		String placeholder = "Binary.data is an IG publisher ig-loader placeholder (\"ig-loader-<file>\"), not base64: the"
				+ " publisher puts the file from input/attachment there; as written it is no base64Binary";
		NOT_R4_VALID.put("ModelCard-sample-CHAI-binary-xml", placeholder);
		NOT_R4_VALID.put("ModelCard-sample-CHAI-binary-pdf", placeholder);
	}

	static FshInstances fsh;
	static FshInstanceBuilder builder;
	static FixturePackage validation;
	static Path corpus;

	@BeforeAll
	static void setUp() throws IOException {
		Path shared = Path.of(System.getProperty("aitrust.shared.dir", "../shared")).resolve("corpora");
		corpus = shared.resolve(CORPUS);
		Assumptions.assumeTrue(Files.isDirectory(corpus), "shared corpus " + corpus + " is not present");
		fsh = FshInstances.read(corpus.resolve("input/fsh"), AiTransparency.IG_CANONICAL);
		validation = new FixturePackage(AiTransparencyPackageTest.PACKAGE_PATH, List.of(
				shared.resolve("packages/hl7.terminology.r4-7.0.1.tgz"),
				shared.resolve("packages/hl7.fhir.uv.extensions.r4-5.2.0.tgz")));
		builder = new FshInstanceBuilder(validation.ctx, fsh);
	}

	@Test
	void theReaderFindsEveryInstanceTheCorpusIndexLists() throws IOException {
		String index = Files.readString(corpus.resolve("INDEX.json"));
		Matcher m = Pattern.compile("\"kind\":\\s*\"Instance\",\\s*\"name\":\\s*\"([^\"]+)\"").matcher(index);
		Set<String> listed = new TreeSet<>();
		while (m.find()) {
			listed.add(m.group(1));
		}
		assertThat(listed).hasSize(30);
		assertThat(new TreeSet<>(fsh.instances.keySet())).isEqualTo(listed);
	}

	@Test
	void theConfidenceExamplesAreBuiltAsTheFshSays() {
		Observation f206 = (Observation) builder.build("f206").resource();
		Extension confidence = f206.getExtensionByUrl(AiTransparency.EXTENSION_AI_CONFIDENCE);
		assertThat(((DecimalType) confidence.getValue()).getValueAsString()).isEqualTo("0.95");

		Procedure proc = (Procedure) builder.build("proc").resource();
		Extension onElement = proc.getFollowUpFirstRep().getTextElement()
				.getExtensionByUrl(AiTransparency.EXTENSION_AI_CONFIDENCE);
		assertThat(onElement.getValue().castToCodeableConcept(onElement.getValue()).getCodingFirstRep().getCode())
				.isEqualTo("moderate");
		assertThat(NOT_R4_VALID).doesNotContainKeys("f206", "proc");
	}

	@Test
	void everyR4ValidInstanceHasNoErrorAndTheOthersAreExactlyTheListedOnes() {
		List<String> wrong = new ArrayList<>();
		for (String name : fsh.instances.keySet()) {
			FshInstanceBuilder.Built built = builder.build(name);
			String json = validation.ctx.newJsonParser().setPrettyPrint(true).encodeResourceToString(built.resource());
			List<String> problems = new ArrayList<>(built.problems());
			for (SingleValidationMessage error : errors(validation.validate(name, json))) {
				problems.add(error.getLocationString() + ": " + error.getMessage());
			}
			boolean listed = NOT_R4_VALID.containsKey(name);
			if (problems.isEmpty() && listed) {
				wrong.add(name + " is listed as not R4-valid (" + NOT_R4_VALID.get(name) + ") but has no error");
			} else if (!problems.isEmpty() && !listed) {
				wrong.add(name + " has errors but is not listed: " + problems + "\n" + json);
			}
		}
		assertThat(wrong).as(String.join("\n\n", wrong)).isEmpty();
	}
}
