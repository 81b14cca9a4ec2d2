package org.aitrust.interceptor.quality.check;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a prescription or dispense whose supply no pharmacy hands out: nothing or less than nothing dispensed, a supply
 * of less than a day or more than a year, more than {@value #MAX_REPEATS} repeats, a prescription valid for more than
 * two years. Such figures come from a field mix-up (a quantity typed into the repeats, days typed as months) and make
 * every adherence or exposure analysis built on them wrong.
 *
 * <p>The bounds are OHDSI DQD's plausible values for DRUG_EXPOSURE (days_supply 1 to 365, refills 0 to 24, quantity
 * above 0), carried over to FHIR:
 * <ul>
 * <li>MedicationRequest.dispenseRequest: {@code numberOfRepeatsAllowed} above {@value #MAX_REPEATS};
 * {@code quantity} 0 or less; {@code expectedSupplyDuration} under 1 day or over {@value #MAX_SUPPLY_DAYS} days;
 * {@code validityPeriod} longer than {@value #MAX_VALIDITY_DAYS} days (prescriptions are valid for at most a year in most US states and
 * for NHS repeat dispensing; twice that leaves room for local rules and still catches a mistyped year).</li>
 * <li>MedicationDispense: {@code daysSupply} under 1 day or over {@value #MAX_SUPPLY_DAYS} days; {@code quantity} 0 or
 * less.</li>
 * </ul>
 * {@value #MAX_SUPPLY_DAYS} days rather than DQD's 365, so that a year's supply written as {@code 1 a} (365.25 days)
 * or {@code 12 mo} passes. Durations convert from UCUM's {@code s, min, h, d, wk, mo, a} (and the texts {@code day},
 * {@code days}); a duration in another unit is not judged. A {@code daysSupply} without a unit is read as days, which its
 * name says. Records entered in error are not judged.
 */
public final class MedicationSupplyCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-medication-supply";

	static final int MAX_REPEATS = 24;
	static final int MAX_SUPPLY_DAYS = 366;
	static final int MAX_VALIDITY_DAYS = 731;

	private static final BigDecimal MIN_SUPPLY = BigDecimal.ONE;
	private static final BigDecimal MAX_SUPPLY = BigDecimal.valueOf(MAX_SUPPLY_DAYS);

	/** Days per UCUM time unit (UCUM's mean Julian month and year), and the two texts senders write for days. */
	private static final Map<String, BigDecimal> DAYS_PER_UNIT = Map.of(
			"s", BigDecimal.ONE.divide(BigDecimal.valueOf(86_400), MathContext.DECIMAL64),
			"min", BigDecimal.ONE.divide(BigDecimal.valueOf(1_440), MathContext.DECIMAL64),
			"h", BigDecimal.ONE.divide(BigDecimal.valueOf(24), MathContext.DECIMAL64),
			"d", BigDecimal.ONE,
			"day", BigDecimal.ONE,
			"days", BigDecimal.ONE,
			"wk", BigDecimal.valueOf(7),
			"mo", new BigDecimal("30.4375"),
			"a", new BigDecimal("365.25"));

	public MedicationSupplyCheck() {
		super(BuiltInCheck.MEDICATION_SUPPLY,
				"A prescription's or dispense's quantity, days of supply, repeats or validity lies outside what a"
				+ " pharmacy dispenses.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		CheckFindings.Collector verdict = new CheckFindings.Collector();
		if (resource instanceof MedicationRequest request
				&& request.getStatus() != MedicationRequest.MedicationRequestStatus.ENTEREDINERROR
				&& request.hasDispenseRequest()) {
			MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
			if (dispense.hasNumberOfRepeatsAllowedElement() && dispense.getNumberOfRepeatsAllowedElement().getValue() != null) {
				verdict.judged(dispense.getNumberOfRepeatsAllowed() > MAX_REPEATS);
			}
			judgeQuantity(dispense.hasQuantity() ? dispense.getQuantity() : null, verdict);
			days(dispense.hasExpectedSupplyDuration() ? dispense.getExpectedSupplyDuration() : null, false)
					.ifPresent(days -> verdict.judged(!plausibleSupply(days)));
			judgeValidity(dispense.hasValidityPeriod() ? dispense.getValidityPeriod() : null, verdict);
		} else if (resource instanceof MedicationDispense dispense
				&& dispense.getStatus() != MedicationDispense.MedicationDispenseStatus.ENTEREDINERROR) {
			days(dispense.hasDaysSupply() ? dispense.getDaysSupply() : null, true)
					.ifPresent(days -> verdict.judged(!plausibleSupply(days)));
			judgeQuantity(dispense.hasQuantity() ? dispense.getQuantity() : null, verdict);
		}
		return verdict.outcome();
	}

	private static void judgeQuantity(Quantity quantity, CheckFindings.Collector verdict) {
		if (quantity != null && quantity.getValue() != null) {
			verdict.judged(quantity.getValue().signum() <= 0);
		}
	}

	private static void judgeValidity(Period validity, CheckFindings.Collector verdict) {
		if (validity != null && validity.getStart() != null && validity.getEnd() != null) {
			Duration span = Duration.between(validity.getStart().toInstant(), validity.getEnd().toInstant());
			verdict.judged(span.compareTo(Duration.ofDays(MAX_VALIDITY_DAYS)) > 0);
		}
	}

	private static boolean plausibleSupply(BigDecimal days) {
		return days.compareTo(MIN_SUPPLY) >= 0 && days.compareTo(MAX_SUPPLY) <= 0;
	}

	/**
	 * The quantity in days, when its unit is a time unit above; {@code unitlessIsDays} reads a bare number as days.
	 */
	static Optional<BigDecimal> days(Quantity quantity, boolean unitlessIsDays) {
		if (quantity == null || quantity.getValue() == null
				|| quantity.hasSystem() && !UcumUnitCheck.UCUM.equals(quantity.getSystem())) {
			return Optional.empty();
		}
		String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
		if (unit == null || unit.isBlank()) {
			return unitlessIsDays ? Optional.of(quantity.getValue()) : Optional.empty();
		}
		BigDecimal factor = DAYS_PER_UNIT.get(unit);
		return factor == null ? Optional.empty() : Optional.of(quantity.getValue().multiply(factor));
	}
}
