package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

class MedicationSupplyCheckTest {

	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final MedicationSupplyCheck check = new MedicationSupplyCheck();

	@Test
	void anOrdinaryPrescriptionPasses() {
		MedicationRequest request = request();
		request.getDispenseRequest().setNumberOfRepeatsAllowed(5).setQuantity(new Quantity(30))
				.setExpectedSupplyDuration(duration("30", "d"))
				.setValidityPeriod(period("2025-01-01", "2026-01-01"));
		assertThat(check.evaluate(request, context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void repeatsUpToTwentyFourPass() {
		assertThat(check.evaluate(repeats(24), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(repeats(0), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(repeats(25), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(repeats(300), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void nothingOrLessThanNothingDispensedFails() {
		MedicationRequest request = request();
		request.getDispenseRequest().setQuantity(new Quantity(0));
		assertThat(check.evaluate(request, context)).isEqualTo(CheckOutcome.FAIL);
		request.getDispenseRequest().setQuantity(new Quantity().setValue(new BigDecimal("0.5")));
		assertThat(check.evaluate(request, context)).isEqualTo(CheckOutcome.PASS);
		MedicationDispense dispense = new MedicationDispense().setQuantity(new Quantity(-30));
		assertThat(check.evaluate(dispense, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aSupplyFromOneDayToAYearPassesInAnyTimeUnit() {
		assertThat(check.evaluate(supply(duration("1", "d")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(supply(duration("366", "d")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(supply(duration("1", "a")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(supply(duration("12", "mo")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(supply(duration("13", "wk")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(supply(duration("24", "h")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(supply(duration("367", "d")), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(supply(duration("2", "a")), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(supply(duration("12", "h")), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(supply(duration("0", "d")), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aDurationInAnUnknownUnitIsNotJudged() {
		assertThat(check.evaluate(supply(duration("900", "fortnights")), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		Duration otherSystem = duration("900", "d");
		otherSystem.setSystem("urn:local-units");
		assertThat(check.evaluate(supply(otherSystem), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void aValidityOfMoreThanTwoYearsFails() {
		MedicationRequest request = request();
		request.getDispenseRequest().setValidityPeriod(period("2025-01-01", "2027-01-01"));
		assertThat(check.evaluate(request, context)).as("730 days").isEqualTo(CheckOutcome.PASS);
		request.getDispenseRequest().setValidityPeriod(period("2025-01-01", "2027-01-03"));
		assertThat(check.evaluate(request, context)).isEqualTo(CheckOutcome.FAIL);
		request.getDispenseRequest().setValidityPeriod(new Period().setStartElement(new DateTimeType("2025-01-01")));
		assertThat(check.evaluate(request, context)).as("open-ended").isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void aDispensesDaysSupplyIsReadAsDaysWithoutAUnit() {
		assertThat(check.evaluate(dispense(new Quantity(30)), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(dispense(new Quantity(366)), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(dispense(new Quantity(900)), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(dispense(new Quantity(0)), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(dispense(duration("3", "mo")), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void recordsWithoutSupplyOrEnteredInErrorAndOtherResourcesAreNotApplicable() {
		assertThat(check.evaluate(request(), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new MedicationDispense(), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		MedicationRequest inError = repeats(300);
		inError.setStatus(MedicationRequest.MedicationRequestStatus.ENTEREDINERROR);
		assertThat(check.evaluate(inError, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Observation(), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	private static MedicationRequest request() {
		return new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
	}

	private static MedicationRequest repeats(int repeats) {
		MedicationRequest request = request();
		request.getDispenseRequest().setNumberOfRepeatsAllowed(repeats);
		return request;
	}

	private static MedicationRequest supply(Duration duration) {
		MedicationRequest request = request();
		request.getDispenseRequest().setExpectedSupplyDuration(duration);
		return request;
	}

	private static MedicationDispense dispense(Quantity daysSupply) {
		return new MedicationDispense().setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED)
				.setDaysSupply(daysSupply);
	}

	private static Duration duration(String value, String ucum) {
		Duration duration = new Duration();
		duration.setValue(new BigDecimal(value)).setSystem("http://unitsofmeasure.org").setCode(ucum);
		return duration;
	}

	private static Period period(String start, String end) {
		return new Period().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(end));
	}
}
