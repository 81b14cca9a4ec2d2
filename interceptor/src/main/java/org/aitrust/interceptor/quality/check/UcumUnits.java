package org.aitrust.interceptor.quality.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * Whether a text is a valid UCUM unit expression, by UCUM's own grammar and table of units ({@code ucum-essence.xml},
 * shipped with the UCUM library HAPI FHIR's validator uses): {@code mg/dL}, {@code /min}, {@code mm[Hg]} and
 * {@code {score}} are; {@code mmHg}, {@code beats/min} and {@code days} are not.
 */
final class UcumUnits {

	private UcumUnits() {}

	/** Whether {@code unit} is a valid UCUM expression; {@code null} and blank are not. */
	static boolean valid(String unit) {
		if (unit == null || unit.isBlank()) {
			return false;
		}
		try {
			return Essence.SERVICE.validate(unit) == null;
		} catch (RuntimeException e) {
			// what the parser cannot even read is no UCUM expression; a client's text must not fail the write
			return false;
		}
	}

	/** Loaded on first use: parsing the table takes a moment that resources without quantities never pay. */
	private static final class Essence {

		static final UcumEssenceService SERVICE = load();

		private static UcumEssenceService load() {
			try (InputStream in = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
				if (in == null) {
					throw new IllegalStateException("ucum-essence.xml is missing from the class path");
				}
				return new UcumEssenceService(in);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			} catch (UcumException e) {
				throw new IllegalStateException("ucum-essence.xml cannot be read", e);
			}
		}
	}
}
