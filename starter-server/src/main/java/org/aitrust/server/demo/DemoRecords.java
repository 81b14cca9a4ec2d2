package org.aitrust.server.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * The project's own demo records: invented patients and the vital signs a lab system and an AI scribe send about
 * them, with a known share of defects (implausible values, non-UCUM units, future dates, missing status, a broken
 * hospital invariant, a dangling reference, a duplicate identifier, an inverted period), so every panel of the
 * dashboard has something to show. Seeded, so every demo load is the same.
 */
final class DemoRecords {

	static final String IDENTIFIER_SYSTEM = "urn:aitrust:demo";
	static final String HOSPITAL_VITAL_SIGN = "http://fhir-aitrust.org/fhir/hospital/StructureDefinition/HospitalVitalSign";
	private static final String[] FAMILY = {"Okafor", "Lindqvist", "Tanaka", "Moreau", "Haddad", "Novak", "Silva",
		"Kowalski", "Nguyen", "Adeyemi", "Fischer", "Rossi"};
	private static final AdministrativeGender[] GENDERS = {AdministrativeGender.FEMALE, AdministrativeGender.MALE};

	private final Random random = new Random(20261125);
	private final ZonedDateTime now;

	DemoRecords(ZonedDateTime now) {
		this.now = now.withZoneSameInstant(ZoneOffset.UTC);
	}

	Practitioner reviewer() {
		Practitioner reviewer = new Practitioner();
		reviewer.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("reviewer");
		reviewer.addName().setFamily("Reviewer").addGiven("Demo");
		return reviewer;
	}

	/** Twelve patients; the last is born "tomorrow", a registration typo the plausibility checks see. */
	List<Patient> patients() {
		List<Patient> patients = new ArrayList<>();
		for (int i = 0; i < FAMILY.length; i++) {
			Patient patient = new Patient();
			patient.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("mrn-" + (1000 + i));
			patient.addName().setFamily(FAMILY[i]).addGiven("Demo");
			patient.setGender(GENDERS[i % 2]);
			LocalDate birth = i == FAMILY.length - 1 ? now.toLocalDate().plusDays(1)
					: now.toLocalDate().minusYears(8 + 7L * i).minusDays(random.nextInt(365));
			patient.setBirthDateElement(new DateType(birth.toString()));
			patients.add(patient);
		}
		return patients;
	}

	/** What the lab system sends: five vital signs per patient, about one in six defective in a known way. */
	List<Observation> labResults(List<String> patients) {
		List<Observation> results = new ArrayList<>();
		int n = 0;
		for (String patient : patients) {
			for (int i = 0; i < 5; i++, n++) {
				Observation observation = heartRate(patient, 58 + random.nextInt(40), hoursAgo(2 + random.nextInt(200)));
				switch (n % 12) {
					case 1 -> observation.setValue(quantity(400, "/min")); // implausible heart rate
					case 3 -> observation.setValue(new Quantity().setValue(72).setUnit("beats")); // not UCUM
					case 5 -> observation.setEffective(new DateTimeType(now.plusDays(3).toString())); // in the future
					case 7 -> observation.setStatus(null); // status is required
					case 9 -> {
						observation.getMeta().addProfile(HOSPITAL_VITAL_SIGN);
						observation.setEffective(null); // hosp-1: a final vital sign has an effective time
					}
					default -> observation.getMeta().addProfile(HOSPITAL_VITAL_SIGN);
				}
				// an official number, so one observation's own: the duplicate of lab-10 is judged a defect
				observation.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
						.setSystem(IDENTIFIER_SYSTEM + ":lab").setValue(n == 11 ? "lab-10" : "lab-" + n);
				results.add(observation);
			}
		}
		return results;
	}

	/** A result about a patient this server never received: refused by the server, counted by the metrics. */
	Observation danglingResult() {
		return heartRate("Patient/not-registered", 80, hoursAgo(1));
	}

	/** What the AI scribe drafts: three heart rates per patient, one in ten implausible. */
	List<Observation> aiDrafts(List<String> patients) {
		List<Observation> drafts = new ArrayList<>();
		int n = 0;
		for (String patient : patients) {
			for (int i = 0; i < 3; i++, n++) {
				Observation draft = heartRate(patient, n % 10 == 4 ? 12 : 60 + random.nextInt(30), hoursAgo(1 + random.nextInt(48)));
				draft.getMeta().addProfile(HOSPITAL_VITAL_SIGN);
				drafts.add(draft);
			}
		}
		return drafts;
	}

	/**
	 * A heart rate the lab system sent on a day of the history, its clinical time an hour before {@code sent}; with
	 * {@code nonUcum} its unit is free text ({@code beats}), the defect that rises in the history's later weeks.
	 */
	Observation historyLabResult(String patient, ZonedDateTime sent, boolean nonUcum, int n) {
		Observation result = heartRate(patient, 58 + random.nextInt(40), sent.minusHours(1));
		result.getMeta().addProfile(HOSPITAL_VITAL_SIGN);
		if (nonUcum) {
			result.setValue(new Quantity().setValue(60 + random.nextInt(30)).setUnit("beats"));
		}
		result.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(IDENTIFIER_SYSTEM + ":lab-history")
				.setValue("lab-history-" + n);
		return result;
	}

	/** A heart rate the AI triage assistant drafted on a day of the history, half an hour before {@code sent}. */
	Observation historyDraft(String patient, ZonedDateTime sent) {
		Observation draft = heartRate(patient, 60 + random.nextInt(30), sent.minusMinutes(30));
		draft.getMeta().addProfile(HOSPITAL_VITAL_SIGN);
		return draft;
	}

	/** Encounters from the EHR, one with its end before its start. */
	List<Encounter> encounters(List<String> patients) {
		List<Encounter> encounters = new ArrayList<>();
		for (int i = 0; i < patients.size(); i++) {
			Encounter encounter = new Encounter();
			encounter.setStatus(Encounter.EncounterStatus.FINISHED);
			encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
			encounter.setSubject(new Reference(patients.get(i)));
			ZonedDateTime start = now.minusDays(1 + i);
			encounter.setPeriod(new Period()
					.setStartElement(new DateTimeType(start.toString()))
					.setEndElement(new DateTimeType((i == 2 ? start.minusHours(2) : start.plusHours(1)).toString())));
			encounters.add(encounter);
		}
		return encounters;
	}

	private Observation heartRate(String patient, int perMinute, ZonedDateTime effective) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
				.setCode("vital-signs");
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4").setDisplay("Heart rate");
		// the hospital IG binds the code to its own code system
		observation.getCode().addCoding().setSystem("http://fhir-aitrust.org/fhir/hospital/CodeSystem/hospital-observation")
				.setCode("heart-rate").setDisplay("Heart rate");
		observation.setSubject(new Reference(patient));
		observation.setEffective(new DateTimeType(effective.toString()));
		observation.setValue(quantity(perMinute, "/min"));
		return observation;
	}

	private ZonedDateTime hoursAgo(int hours) {
		return now.minusHours(hours);
	}

	private static Quantity quantity(int value, String ucum) {
		return new Quantity().setValue(BigDecimal.valueOf(value)).setUnit(ucum).setSystem("http://unitsofmeasure.org")
				.setCode(ucum);
	}
}
