package org.aitrust.interceptor.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aitrust.interceptor.quality.check.CheckLevel;
import org.aitrust.interceptor.quality.check.KahnCategory;
import org.aitrust.interceptor.quality.check.MustSupportCompleteness;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.store.QualityQuery;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;

/**
 * The {@code $data-quality} figures as an OHDSI Data Quality Dashboard results document (DQD 2.8.4's JSON), which
 * DQD's results viewer and Ares read: {@code Metadata} (one object: the source, the period's end as release date,
 * the generator), {@code Overview} ({@link DqdOverview}, DQD's own arithmetic) and {@code CheckResults}
 * ({@link DqdCheckResult}): per resource type, one TABLE row per check that applied to it, one FIELD row per
 * must-support element, and for the checks whose violations are broken down by element path or code one FIELD or
 * CONCEPT row per item found; a check that applied to nothing has one not-applicable row on {@value #ANY_TYPE}.
 *
 * <p>Every row is rendered from a MeasureReport of the same source and period filtered to the row's resource type,
 * the report {@code $data-quality?resourceType=} answers: its figures, its per-type threshold and its status, so the
 * export and the reports cannot disagree.
 */
public final class DqdExport {

	public static final String FORMAT = "dqd";
	/** The source name of an export over every source. */
	public static final String ALL_SOURCES = "all sources";
	/** The table of a check that applied to no resource type: FHIR's base of every resource. */
	public static final String ANY_TYPE = "Resource";
	/** The generator's name, in {@code Metadata}. */
	public static final String GENERATOR = "FHIR AI Trust";
	private static final ObjectMapper JSON = new ObjectMapper();

	private DqdExport() {}

	/**
	 * How one export was made.
	 *
	 * @param query the source, period and filters of the export
	 * @param generatorVersion the module's version
	 * @param started when the export began
	 * @param finished when its figures had been read
	 */
	public record Run(QualityQuery query, String generatorVersion, Instant started, Instant finished) {}

	/** The document as JSON text. */
	public static String toJson(MeasureReport overall, Map<String, MeasureReport> byType, Run run) {
		return document(overall, byType, run).toString();
	}

	/**
	 * The document over the report of every type ({@code overall}, for the checks that applied to none) and the reports
	 * of each resource type that arrived, by type.
	 */
	public static ObjectNode document(MeasureReport overall, Map<String, MeasureReport> byType, Run run) {
		List<DqdCheckResult> rows = rows(overall, byType, run.query());
		ObjectNode document = JSON.createObjectNode();
		document.put("startTimestamp", run.started().toString());
		document.put("endTimestamp", run.finished().toString());
		double seconds = Duration.between(run.started(), run.finished()).toMillis() / 1000.0;
		document.put("executionTime", String.format(Locale.ROOT, "%.0f secs", seconds));
		document.put("executionTimeSeconds", seconds);
		ArrayNode results = document.putArray("CheckResults");
		rows.forEach(row -> row.writeTo(results.addObject()));
		metadata(document.putArray("Metadata").addObject(), run);
		DqdOverview.of(rows).writeTo(document.putObject("Overview"));
		return document;
	}

	/** The rows, type by type in the order given, checks in report order within a type. */
	public static List<DqdCheckResult> rows(MeasureReport overall, Map<String, MeasureReport> byType, QualityQuery query) {
		List<DqdCheckResult> rows = new ArrayList<>();
		for (MeasureReport.MeasureReportGroupComponent group : overall.getGroup()) {
			if (isCheck(group) && count(group, "denominator") == 0) {
				rows.add(row(group, ANY_TYPE, query));
			}
		}
		byType.forEach((type, report) -> {
			for (MeasureReport.MeasureReportGroupComponent group : report.getGroup()) {
				if (isCheck(group) && count(group, "denominator") > 0) {
					rows.add(row(group, type, query));
					itemRows(group, type, query, rows);
				}
			}
		});
		return rows;
	}

	private static boolean isCheck(MeasureReport.MeasureReportGroupComponent group) {
		// share measures and timeliness are not DQD checks
		return group.getExtensionByUrl(DataQualityReportBuilder.EXTENSION_STATUS) != null;
	}

	private static DqdCheckResult row(MeasureReport.MeasureReportGroupComponent group, String type, QualityQuery query) {
		String id = group.getCode().getCodingFirstRep().getCode();
		boolean mustSupport = id.startsWith(MustSupportCompleteness.PREFIX);
		String checkName = mustSupport ? MustSupportCompleteness.PREFIX.substring(0, MustSupportCompleteness.PREFIX.length() - 1) : id;
		String field = mustSupport ? id.substring(MustSupportCompleteness.PREFIX.length()) : null;
		String[] category = text(group, DataQualityReportBuilder.EXTENSION_CATEGORY).split("/", 2);
		return new DqdCheckResult(checkName,
				mustSupport ? CheckLevel.ELEMENT.dqdLevel() : CheckLevel.RESOURCE.dqdLevel(),
				group.getCode().getCodingFirstRep().getDisplay(), type, field, null,
				category[0], category.length > 1 ? category[1] : null, KahnCategory.CONTEXT,
				text(group, DataQualityReportBuilder.EXTENSION_CLASS),
				count(group, "numerator"), count(group, "denominator"),
				new BigDecimal(text(group, DataQualityReportBuilder.EXTENSION_THRESHOLD)),
				status(text(group, DataQualityReportBuilder.EXTENSION_STATUS)),
				queryText(query, ANY_TYPE.equals(type) ? null : type, id));
	}

	/** One row per item of each breakdown of the group that makes rows: the check restricted to that element or code. */
	private static void itemRows(MeasureReport.MeasureReportGroupComponent group, String type, QualityQuery query,
			List<DqdCheckResult> rows) {
		DqdCheckResult table = row(group, type, query);
		for (MeasureReport.MeasureReportGroupStratifierComponent stratifier : group.getStratifier()) {
			Breakdown breakdown = Breakdown.byId(stratifier.getCodeFirstRep().getCodingFirstRep().getCode());
			if (breakdown == null || breakdown.rowLevel() == null) {
				continue;
			}
			boolean field = breakdown.rowLevel() == CheckLevel.ELEMENT;
			for (MeasureReport.StratifierGroupComponent stratum : stratifier.getStratum()) {
				String item = stratum.getValue().getText();
				rows.add(new DqdCheckResult(table.checkName(), breakdown.rowLevel().dqdLevel(),
						table.checkDescription() + " (" + breakdown.itemName() + " " + item + ")", type,
						field ? item : null, field ? null : item, table.category(), table.subcategory(),
						table.context(), table.severity(), count(stratum.getPopulation(), "numerator"),
						count(stratum.getPopulation(), "denominator"),
						new BigDecimal(stratum.getExtensionByUrl(DataQualityReportBuilder.EXTENSION_THRESHOLD)
								.getValue().primitiveValue()),
						status(stratum.getExtensionByUrl(DataQualityReportBuilder.EXTENSION_STATUS).getValue()
								.primitiveValue()),
						table.queryText()));
			}
		}
	}

	private static void metadata(ObjectNode metadata, Run run) {
		QualityQuery query = run.query();
		String source = query.source() == null ? ALL_SOURCES : query.source();
		metadata.put("cdmSourceName", source);
		metadata.put("cdmSourceAbbreviation", source);
		metadata.put("sourceDescription", "Resources written to this FHIR server"
				+ (query.source() == null ? "" : " by " + query.source())
				+ (query.profile() == null ? "" : " claiming " + query.profile())
				+ (query.resourceType() == null ? "" : " of type " + query.resourceType())
				+ ", measured at write time from " + query.start() + " to " + query.end() + " (UTC days)");
		metadata.putNull("cdmHolder");
		metadata.put("sourceReleaseDate", query.end().toString());
		metadata.put("cdmReleaseDate", query.end().toString());
		metadata.put("cdmVersion", "FHIR R4 (4.0.1)");
		metadata.putNull("vocabularyVersion");
		metadata.putNull("sourceDocumentationReference");
		metadata.putNull("cdmEtlReference");
		metadata.put("dqdVersion", GENERATOR + " " + run.generatorVersion() + " (DQD 2.8.4 results format)");
		metadata.put("generatorName", GENERATOR);
		metadata.put("generatorVersion", run.generatorVersion());
		metadata.put("periodStart", query.start().toString());
		metadata.put("periodEnd", query.end().toString());
	}

	/** The request that gives the row's figure as a MeasureReport, shown where DQD shows a check's SQL. */
	private static String queryText(QualityQuery query, String type, String checkId) {
		StringBuilder text = new StringBuilder("GET [base]/$data-quality?start=").append(query.start())
				.append("&end=").append(query.end());
		if (query.source() != null) {
			text.append("&source=").append(query.source());
		}
		if (query.profile() != null) {
			text.append("&profile=").append(query.profile());
		}
		if (type != null) {
			text.append("&resourceType=").append(type);
		}
		return text.append("&check=").append(checkId).toString();
	}

	private static CheckStatus status(String code) {
		for (CheckStatus status : CheckStatus.values()) {
			if (status.code().equals(code)) {
				return status;
			}
		}
		throw new IllegalArgumentException("unknown dq-status " + code);
	}

	private static String text(MeasureReport.MeasureReportGroupComponent group, String extension) {
		Extension found = group.getExtensionByUrl(extension);
		return found == null ? null : found.getValue().primitiveValue();
	}

	private static long count(MeasureReport.MeasureReportGroupComponent group, String population) {
		return group.getPopulation().stream()
				.filter(p -> population.equals(p.getCode().getCodingFirstRep().getCode()))
				.mapToLong(MeasureReport.MeasureReportGroupPopulationComponent::getCount)
				.findFirst().orElse(0);
	}

	private static long count(List<MeasureReport.StratifierGroupPopulationComponent> populations, String population) {
		return populations.stream()
				.filter(p -> population.equals(p.getCode().getCodingFirstRep().getCode()))
				.mapToLong(MeasureReport.StratifierGroupPopulationComponent::getCount)
				.findFirst().orElse(0);
	}
}
