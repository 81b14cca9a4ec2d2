package org.aitrust.interceptor.quality;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pages over the resources this server stores, read from HAPI FHIR JPA's own resource table ({@code HFJ_RESOURCE}):
 * the current, not deleted resources of one type whose {@code meta.lastUpdated} lies in a range, in the order of
 * their row id, a page after a given row id. Keyset paging: a page costs one index range read however deep it is, and
 * a resource written while the pages are read comes in a later page or not at all, never twice.
 */
public class StoredResources {

	private static final String PAGE = "SELECT RES_ID, FHIR_ID FROM HFJ_RESOURCE WHERE RES_TYPE = ?"
			+ " AND RES_DELETED_AT IS NULL AND RES_UPDATED >= ? AND RES_UPDATED < ? AND RES_ID > ?"
			+ " ORDER BY RES_ID FETCH FIRST ? ROWS ONLY";
	private static final String TYPES = "SELECT DISTINCT RES_TYPE FROM HFJ_RESOURCE WHERE RES_DELETED_AT IS NULL"
			+ " ORDER BY RES_TYPE";

	private final JdbcTemplate jdbc;

	public StoredResources(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** The types of which at least one resource is stored, alphabetically. */
	public List<String> storedTypes() {
		return jdbc.queryForList(TYPES, String.class);
	}

	/**
	 * Up to {@code size} resources of the type updated in {@code [from, to)} whose row id is above {@code after}
	 * (0 for the first page).
	 */
	public List<StoredId> page(String resourceType, Instant from, Instant to, long after, int size) {
		List<StoredId> page = new ArrayList<>(size);
		jdbc.query(PAGE, rs -> {
			page.add(new StoredId(rs.getLong(1), rs.getString(2)));
		}, resourceType, Timestamp.from(from), Timestamp.from(to), after, size);
		return page;
	}

	/** A stored resource: HAPI's row id (the paging key) and its FHIR id. */
	public record StoredId(long rowId, String fhirId) {}
}
