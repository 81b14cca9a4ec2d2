package org.aitrust.interceptor.quality;

import java.math.BigDecimal;
import java.util.OptionalDouble;
import org.aitrust.interceptor.quality.check.CheckClass;
import org.aitrust.interceptor.quality.check.CheckDefinition;
import org.aitrust.interceptor.quality.check.CheckLevel;
import org.aitrust.interceptor.quality.check.KahnCategory;
import org.aitrust.interceptor.quality.check.MustSupportCompleteness;
import org.aitrust.interceptor.quality.check.QualityCheck;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.StringType;

/**
 * The Measure that {@code $data-quality} reports are about: one group per check, with its Kahn category, class,
 * level, definition and the threshold this server applies over all resource types, so a quality team can read what each figure means and how it is
 * judged without the source code. Proportion scoring; lower is better.
 */
public final class DataQualityMeasure {

	public static final String ID = "aitrust-data-quality";
	private static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";

	private DataQualityMeasure() {}

	public static Measure describe(QualityChecks checks, Thresholds thresholds) {
		Measure measure = new Measure();
		measure.setId(ID);
		measure.setUrl(DataQualityReportBuilder.MEASURE);
		measure.setName("AiTrustDataQuality");
		measure.setTitle("FHIR AI Trust data-quality checks at the write boundary");
		measure.setStatus(Enumerations.PublicationStatus.ACTIVE);
		measure.setDescription("Each group is one check applied to every resource that arrives in a write. The"
				+ " denominator counts arrivals the check applied to, the numerator those that violated it; a check"
				+ " fails when the violating percentage exceeds its threshold (extension dq-threshold), as in the"
				+ " OHDSI Data Quality Dashboard. Each group's class (extension dq-check-class) says how it is judged:"
				+ " fatal (threshold 0) and convention checks are judged; characterization figures are shown, not"
				+ " judged (threshold 100) unless the server sets a threshold for them; server-capability figures"
				+ " count what this server cannot check and are never judged.");
		measure.setScoring(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/measure-scoring", "proportion", "Proportion")));
		measure.setImprovementNotation(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/measure-improvement-notation", "decrease", "Decreased score")));
		for (QualityCheck check : checks.checks()) {
			addGroup(measure, check.id(), check.description(), check.category(), check.checkClass(), check.level(),
					thresholds.percentFor(check.id(), check.checkClass(), null));
		}
		CheckDefinition mustSupport = MustSupportCompleteness.DEFINITION;
		addGroup(measure, mustSupport.id(),
				"One group per must-support element of a claimed profile the server knows: the element is neither"
						+ " populated nor explained by a data-absent-reason.",
				mustSupport.category(), mustSupport.checkClass(), mustSupport.level(), OptionalDouble.empty());
		return measure;
	}

	private static void addGroup(Measure measure, String id, String description, KahnCategory category,
			CheckClass checkClass, CheckLevel level, OptionalDouble threshold) {
		Measure.MeasureGroupComponent group = measure.addGroup();
		group.setCode(new CodeableConcept(new Coding(DataQualityReportBuilder.CHECK_SYSTEM, id, null)));
		group.setDescription(description);
		group.addExtension(DataQualityReportBuilder.EXTENSION_CATEGORY, new StringType(category.label()));
		group.addExtension(DataQualityReportBuilder.EXTENSION_CLASS, new CodeType(checkClass.code()));
		group.addExtension(DataQualityReportBuilder.EXTENSION_LEVEL, new CodeType(level.code()));
		group.addExtension(DataQualityReportBuilder.EXTENSION_THRESHOLD, new DecimalType(
				BigDecimal.valueOf(threshold.orElse(DataQualityReportBuilder.NOT_JUDGED_PERCENT))));
		population(group, "denominator", "Resources that arrived in a write and that the check applies to");
		population(group, "numerator", "Those of them that violate the check");
	}

	private static void population(Measure.MeasureGroupComponent group, String code, String criteria) {
		group.addPopulation()
				.setCode(new CodeableConcept(new Coding(POPULATION, code, null)))
				.setCriteria(new Expression().setLanguage("text/plain").setExpression(criteria));
	}
}
