package org.aitrust.interceptor.quality;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;

/**
 * Where a page of {@code $data-quality-failures} ends: the resource type and the last row id examined, written
 * {@code Type:rowId}. The next page goes on after it; a new request starts at the first type, before any row.
 */
record FailuresCursor(String resourceType, long afterRowId) {

	String format() {
		return resourceType + ":" + afterRowId;
	}

	/** The cursor a request names, or the start of the first type; one naming a type not being paged is refused. */
	static FailuresCursor parse(String operation, String text, List<String> types) {
		if (text == null) {
			return new FailuresCursor(types.isEmpty() ? "" : types.get(0), 0);
		}
		int colon = text.indexOf(':');
		try {
			FailuresCursor cursor = new FailuresCursor(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
			if (types.contains(cursor.resourceType()) && cursor.afterRowId() >= 0) {
				return cursor;
			}
		} catch (RuntimeException e) {
			// refused below
		}
		throw new InvalidRequestException(operation + ": 'cursor' is not one a page of this request gave: '" + text + "'");
	}
}
