package org.aitrust.interceptor.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which measuring a quality row comes from, so a report counts one population only: resources measured when they were
 * written, or stored resources measured by the stored-data job (the latest completed run of it).
 */
public enum QualityPopulation {
	WRITE("write"),
	STORED("stored");

	private final String code;

	QualityPopulation(String code) {
		this.code = code;
	}

	/** The value of the {@code POPULATION} column and of {@code $data-quality}'s {@code population} parameter. */
	public String code() {
		return code;
	}

	public static Optional<QualityPopulation> ofCode(String code) {
		return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
	}
}
