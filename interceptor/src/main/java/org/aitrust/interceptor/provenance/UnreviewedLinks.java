package org.aitrust.interceptor.provenance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.aitrust.interceptor.store.WorklistCursor;

/** The query of a {@code $ai-unreviewed} {@code next} link: the same filters and page size, from the cursor on. */
final class UnreviewedLinks {

	private UnreviewedLinks() {}

	/** {@code type}, {@code patient} (when set), {@code _count} and the cursor, each URL-encoded. */
	static String query(String resourceType, String patient, int count, WorklistCursor after) {
		StringJoiner query = new StringJoiner("&");
		if (resourceType != null) {
			query.add("type=" + encode(resourceType));
		}
		if (patient != null) {
			query.add("patient=" + encode(patient));
		}
		query.add("_count=" + count);
		query.add(AiReviewProvider.CURSOR + "=" + encode(after.token()));
		return query.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
