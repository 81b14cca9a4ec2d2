package org.aitrust.interceptor.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;

/** The pieces both report operations ({@code $data-quality}, {@code $ai-oversight}) build their MeasureReports from. */
public final class MeasureReportParts {

	private static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";

	private MeasureReportParts() {}

	/** A MeasureReport population code of HL7's measure-population system. */
	public static CodeableConcept populationCode(String code) {
		return new CodeableConcept(new Coding(POPULATION, code, null));
	}

	/** A percentage (0–100) as a UCUM {@code %} quantity, to four decimals. */
	public static Quantity percent(double value) {
		return new Quantity()
				.setValue(BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP))
				.setUnit("%")
				.setSystem("http://unitsofmeasure.org")
				.setCode("%");
	}

	/** The nearest-rank percentile of sorted values; 0 for none. */
	public static long percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}
}
