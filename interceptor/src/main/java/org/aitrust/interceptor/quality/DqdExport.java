package org.aitrust.interceptor.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.aitrust.interceptor.quality.check.CheckLevel;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;

/**
 * The {@code $data-quality} report in the shape of OHDSI Data Quality Dashboard results, so teams that already
 * read DQD output can read ours: one object per check with checkName, category, subcategory, context,
 * numViolatedRows, pctViolatedRows (a fraction, as DQD writes it), numDenominatorRows, thresholdValue (percent)
 * and the 0/1 flags failed, passed, notApplicable; checkLevel (TABLE, FIELD, CONCEPT) and severity (fatal,
 * convention, characterization, server-capability) under the names DQD's check descriptions give them. A
 * characterization figure that is not judged is neither passed nor failed; a server-capability figure is not
 * applicable, with the reason. Built from the MeasureReport itself, so both say the same.
 */
public final class DqdExport {

	public static final String FORMAT = "dqd";
	private static final ObjectMapper JSON = new ObjectMapper();

	private DqdExport() {}

	public static String toJson(MeasureReport report) {
		ArrayNode results = JSON.createArrayNode();
		for (MeasureReport.MeasureReportGroupComponent group : report.getGroup()) {
			Extension status = group.getExtensionByUrl(DataQualityReportBuilder.EXTENSION_STATUS);
			if (status == null) {
				continue; // share measures and timeliness are not DQD checks
			}
			long denominator = count(group, "denominator");
			long numerator = count(group, "numerator");
			String[] category = group.getExtensionByUrl(DataQualityReportBuilder.EXTENSION_CATEGORY)
					.getValue().primitiveValue().split("/", 2);
			ObjectNode result = results.addObject();
			result.put("checkName", group.getCode().getCodingFirstRep().getCode());
			result.put("checkDescription", group.getCode().getCodingFirstRep().getDisplay());
			result.put("category", category[0]);
			result.put("subcategory", category.length > 1 ? category[1] : null);
			result.put("context", "Verification");
			result.put("numViolatedRows", numerator);
			result.put("pctViolatedRows", denominator == 0 ? BigDecimal.ZERO
					: BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 6, RoundingMode.HALF_UP));
			result.put("numDenominatorRows", denominator);
			result.put("thresholdValue", new BigDecimal(group.getExtensionByUrl(
					DataQualityReportBuilder.EXTENSION_THRESHOLD).getValue().primitiveValue()));
			String outcome = status.getValue().primitiveValue();
			result.put("failed", CheckStatus.FAILED.code().equals(outcome) ? 1 : 0);
			result.put("passed", CheckStatus.PASSED.code().equals(outcome) ? 1 : 0);
			boolean notCheckable = CheckStatus.NOT_CHECKABLE_HERE.code().equals(outcome);
			result.put("notApplicable", CheckStatus.NOT_APPLICABLE.code().equals(outcome) || notCheckable ? 1 : 0);
			if (notCheckable) {
				result.put("notApplicableReason", "not checkable on this server: it lacks the code system, value set"
						+ " or profile");
			}
			Extension checkClass = group.getExtensionByUrl(DataQualityReportBuilder.EXTENSION_CLASS);
			if (checkClass != null) {
				result.put("severity", checkClass.getValue().primitiveValue());
			}
			Extension level = group.getExtensionByUrl(DataQualityReportBuilder.EXTENSION_LEVEL);
			if (level != null) {
				result.put("checkLevel", CheckLevel.valueOf(
						level.getValue().primitiveValue().toUpperCase(java.util.Locale.ROOT)).dqdLevel());
			}
		}
		ObjectNode document = JSON.createObjectNode();
		document.put("startTimestamp", report.getPeriod().getStartElement().getValueAsString());
		document.put("endTimestamp", report.getPeriod().getEndElement().getValueAsString());
		document.set("CheckResults", results);
		return document.toString();
	}

	private static long count(MeasureReport.MeasureReportGroupComponent group, String population) {
		return group.getPopulation().stream()
				.filter(p -> population.equals(p.getCode().getCodingFirstRep().getCode()))
				.mapToLong(MeasureReport.MeasureReportGroupPopulationComponent::getCount)
				.findFirst().orElse(0);
	}
}
