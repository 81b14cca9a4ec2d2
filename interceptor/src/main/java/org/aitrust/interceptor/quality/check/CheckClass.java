package org.aitrust.interceptor.quality.check;

/**
 * How a check's violations are to be read, after the severity OHDSI's Data Quality Dashboard gives each check type
 * (fatal, convention, characterization), plus a class DQD does not need: a figure about what this server can check.
 * The class decides the default threshold and whether a check is judged at all, so a figure that describes the data
 * or the server is never shown as the data's failure.
 */
public enum CheckClass {

	/**
	 * The resource breaks a rule the FHIR specification or a profile it claims states with SHALL, or data that every
	 * use depends on is broken (a reference that leads nowhere): one violation is a defect. Threshold 0.
	 */
	FATAL("fatal"),
	/**
	 * The resource departs from a convention of the standard (a SHOULD, a preferred code system, an expected element,
	 * a physiological limit): a defect, tolerated up to {@code aitrust.quality.default-threshold}.
	 */
	CONVENTION("convention"),
	/**
	 * A figure that describes the data (how complete, how it was sent) rather than judges it: shown, never failed,
	 * unless the administrator sets a threshold for the check.
	 */
	CHARACTERIZATION("characterization"),
	/**
	 * A figure about this server, not the data: the share of data it cannot check (a code system or profile it does
	 * not have). Never judged; the remedy is to give the server what it lacks.
	 */
	SERVER_CAPABILITY("server-capability");

	private final String code;

	CheckClass(String code) {
		this.code = code;
	}

	/** The code in reports, the Measure and the docs, e.g. {@code server-capability}. */
	public String code() {
		return code;
	}

	/** Whether the check is judged passed or failed without a threshold of the administrator's. */
	public boolean judgedByDefault() {
		return this == FATAL || this == CONVENTION;
	}
}
