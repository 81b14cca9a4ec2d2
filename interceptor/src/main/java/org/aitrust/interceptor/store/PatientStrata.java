package org.aitrust.interceptor.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;

/**
 * The strata an AI write about a patient is counted in: age band at the time of the write, administrative gender,
 * and the US Core race and ethnicity categories (OMB codes) when the Patient carries them; and a pseudonymous key of
 * the patient, so oversight can count distinct patients and suppress small cells by patients, not by writes.
 * Nothing else about the patient is kept.
 *
 * <p>The key is the hex SHA-256 of the Patient's versionless reference ({@code Patient/123}): a pseudonym, not
 * anonymisation. Anyone who can read the table and guess references can recompute it, as they could read the
 * Patient itself in the same database; it keeps the id out of the module's rows and reports. A keyed hash (HMAC
 * with a per-installation secret) would stop the guessing, at the cost of a secret to keep across restarts and
 * nodes; the table is no more exposed than the server's own, so the plain hash was chosen.
 *
 * @param ageBand {@code 0-17}, {@code 18-44}, {@code 45-64}, {@code 65+} or {@code unknown}
 * @param gender administrative gender code, or {@code unknown}
 * @param race the OMB race category, {@code multiple} when several are given, or {@code unknown}
 * @param ethnicity the OMB ethnicity category, or {@code unknown}
 * @param patientKey the patient's pseudonymous key (64 hex digits), or {@code null} for a write about no patient
 *     this server holds
 */
public record PatientStrata(String ageBand, String gender, String race, String ethnicity, String patientKey) {

	public static final String UNKNOWN = "unknown";
	public static final PatientStrata NONE = new PatientStrata(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, null);

	/** Strata of a write whose patient is not known by key. */
	public PatientStrata(String ageBand, String gender, String race, String ethnicity) {
		this(ageBand, gender, race, ethnicity, null);
	}

	static final String US_CORE_RACE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
	static final String US_CORE_ETHNICITY = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
	private static final String OMB_SYSTEM = "urn:oid:2.16.840.1.113883.6.238";
	private static final Map<String, String> OMB_NAMES = Map.of(
			"1002-5", "American Indian or Alaska Native",
			"2028-9", "Asian",
			"2054-5", "Black or African American",
			"2076-8", "Native Hawaiian or Other Pacific Islander",
			"2106-3", "White",
			"2135-2", "Hispanic or Latino",
			"2186-5", "Not Hispanic or Latino");

	/** The strata of a patient for a write on {@code writeDay}. */
	public static PatientStrata of(Patient patient, LocalDate writeDay) {
		return new PatientStrata(ageBand(patient, writeDay),
				patient.hasGender() ? patient.getGender().toCode() : UNKNOWN,
				ombCategory(patient, US_CORE_RACE),
				ombCategory(patient, US_CORE_ETHNICITY),
				patient.getIdElement().hasIdPart() ? keyOf(patient.getIdElement().toUnqualifiedVersionless().getValue())
						: null);
	}

	/** The pseudonymous key of a versionless Patient reference: its UTF-8 bytes' SHA-256, in lower-case hex. */
	public static String keyOf(String patientReference) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
					.digest(patientReference.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform has SHA-256", e);
		}
	}

	static String ageBand(Patient patient, LocalDate writeDay) {
		if (!patient.hasBirthDate()) {
			return UNKNOWN;
		}
		LocalDate born = LocalDate.ofInstant(patient.getBirthDate().toInstant(), ZoneOffset.UTC);
		if (born.isAfter(writeDay)) {
			return UNKNOWN;
		}
		int years = Period.between(born, writeDay).getYears();
		if (years < 18) {
			return "0-17";
		}
		if (years < 45) {
			return "18-44";
		}
		return years < 65 ? "45-64" : "65+";
	}

	private static String ombCategory(Patient patient, String extensionUrl) {
		List<String> categories = patient.getExtensionsByUrl(extensionUrl).stream()
				.flatMap(extension -> extension.getExtensionsByUrl("ombCategory").stream())
				.map(Extension::getValue)
				.filter(Coding.class::isInstance)
				.map(Coding.class::cast)
				.filter(coding -> OMB_SYSTEM.equals(coding.getSystem()) && OMB_NAMES.containsKey(coding.getCode()))
				.map(coding -> OMB_NAMES.get(coding.getCode()))
				.distinct()
				.toList();
		if (categories.isEmpty()) {
			return UNKNOWN;
		}
		return categories.size() == 1 ? categories.get(0) : "multiple";
	}
}
