package org.aitrust.interceptor.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One row of a DQD results document ({@code CheckResults}): one check over one resource type, or over one element
 * path or code of it, with DQD's status flags, exactly one of which is 1 (passed, failed, isError, notApplicable).
 *
 * @param checkName the check id ({@code completeness-must-support} for every must-support measure)
 * @param checkLevel {@code TABLE} for a resource type, {@code FIELD} for an element path, {@code CONCEPT} for a code
 * @param cdmTableName the resource type, {@code Resource} for a check that applied to no type
 * @param cdmFieldName the element path of a FIELD row, else {@code null}
 * @param conceptId the code ({@code system|code}) or code system of a CONCEPT row, else {@code null}
 * @param thresholdValue the threshold in percent (100 for a figure not judged)
 * @param status the {@link CheckStatus} the row's figure has
 */
public record DqdCheckResult(
		String checkName,
		String checkLevel,
		String checkDescription,
		String cdmTableName,
		String cdmFieldName,
		String conceptId,
		String category,
		String subcategory,
		String context,
		String severity,
		long numViolatedRows,
		long numDenominatorRows,
		BigDecimal thresholdValue,
		CheckStatus status,
		String queryText) {

	/**
	 * DQD's check id ({@code .getCheckId} in its R package): level, check name, table, field and concept, blanks
	 * removed, joined by {@code _}, in lower case. The same check, type and element or code always give the same id,
	 * so Ares-style history can tell new, existing, resolved and stable findings apart across exports.
	 */
	public String checkId() {
		return Stream.of(checkLevel, checkName, cdmTableName, cdmFieldName, conceptId)
				.filter(Objects::nonNull)
				.map(part -> part.replace(" ", ""))
				.filter(part -> !part.isEmpty())
				.collect(Collectors.joining("_"))
				.toLowerCase(Locale.ROOT);
	}

	/** DQD's {@code pctViolatedRows}: a fraction of the denominator, 0 when nothing applied. */
	public BigDecimal pctViolatedRows() {
		return numDenominatorRows == 0 ? BigDecimal.ZERO
				: BigDecimal.valueOf(numViolatedRows).divide(BigDecimal.valueOf(numDenominatorRows), 6, RoundingMode.HALF_UP);
	}

	public boolean failed() {
		return status == CheckStatus.FAILED;
	}

	/** A characterization figure is shown, not judged: like a DQD check whose threshold (100) it never exceeds. */
	public boolean passed() {
		return status == CheckStatus.PASSED || status == CheckStatus.CHARACTERIZATION;
	}

	public boolean notApplicable() {
		return status == CheckStatus.NOT_APPLICABLE || status == CheckStatus.NOT_CHECKABLE_HERE;
	}

	/**
	 * DQD's isError: the check could not run. A check that cannot judge a resource here fails the write it measures,
	 * so no stored figure comes from a check that did not run: always false.
	 */
	public boolean isError() {
		return false;
	}

	/** Why the row is not applicable, as DQD words its reasons; {@code null} when it is applicable. */
	public String notApplicableReason() {
		if (status == CheckStatus.NOT_CHECKABLE_HERE) {
			return "Not checkable on this server: it lacks the code system, value set or profile; the figure is what"
					+ " it took on trust.";
		}
		if (status == CheckStatus.NOT_APPLICABLE) {
			return "No resource arrived in the period that this check applies to.";
		}
		return null;
	}

	/** DQD's notesValue: what the row's figure is when it is not a judged rate. */
	public String notesValue() {
		if (status == CheckStatus.CHARACTERIZATION) {
			return "Characterization: the figure describes the data and is shown, not judged (threshold 100%); set"
					+ " aitrust.quality.thresholds." + checkName + " to judge it.";
		}
		return null;
	}

	/** The row as DQD writes it in its results JSON (camel case). */
	void writeTo(ObjectNode row) {
		row.put("checkId", checkId());
		row.put("checkName", checkName);
		row.put("checkLevel", checkLevel);
		row.put("checkDescription", checkDescription);
		row.put("cdmTableName", cdmTableName);
		row.put("cdmFieldName", cdmFieldName);
		row.put("conceptId", conceptId);
		row.putNull("unitConceptId");
		row.put("category", category);
		row.put("subcategory", subcategory);
		row.put("context", context);
		row.put("severity", severity);
		row.put("numViolatedRows", numViolatedRows);
		row.put("pctViolatedRows", pctViolatedRows());
		row.put("numDenominatorRows", numDenominatorRows);
		row.put("thresholdValue", thresholdValue);
		row.put("failed", failed() ? 1 : 0);
		row.put("passed", passed() ? 1 : 0);
		row.put("isError", isError() ? 1 : 0);
		row.put("notApplicable", notApplicable() ? 1 : 0);
		row.put("notApplicableReason", notApplicableReason());
		row.put("notesValue", notesValue());
		row.put("queryText", queryText);
	}
}
