package org.aitrust.interceptor.report;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.StringType;

/**
 * How the module's reporting operations read their query parameters: a parameter they do not know is refused rather
 * than ignored (a typo would silently widen a report), and a date must be a full ISO date. Both answer 400 with
 * the operation's name.
 */
public final class OperationParameters {

	private OperationParameters() {}

	/** Refuses a request that carries a parameter not in {@code accepted}. */
	public static void refuseUnknown(String operation, RequestDetails request, Set<String> accepted) {
		if (request == null || request.getParameters() == null) {
			return;
		}
		for (String name : request.getParameters().keySet()) {
			if (!accepted.contains(name)) {
				throw new InvalidRequestException(operation + ": unknown parameter '" + name + "'; accepted: "
						+ new TreeSet<>(accepted));
			}
		}
	}

	/** The date a parameter gives, or {@code otherwise} when it is absent or blank. */
	public static LocalDate date(String operation, String name, StringType value, LocalDate otherwise) {
		String text = text(value);
		if (text == null) {
			return otherwise;
		}
		try {
			return LocalDate.parse(text);
		} catch (DateTimeParseException e) {
			throw new InvalidRequestException(operation + ": '" + name + "' must be a date like 2026-11-25, was '"
					+ text + "'");
		}
	}

	/** The parameter's text, or {@code null} when it is absent or blank. */
	public static String text(StringType value) {
		return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
	}
}
