package org.aitrust.interceptor.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The review worklist, {@value ModuleTables#AI_UNREVIEWED}: the one definition of "AI-written and not yet reviewed"
 * that {@code $ai-unreviewed} lists and {@code $data-quality}'s {@code ai-unreviewed} counts. An entry is the
 * current version of an AI-labelled resource for which {@code $ai-review} has recorded no review; there is at most one
 * per resource.
 *
 * <p>Its writes join the caller's transaction (the data source's connection of the running transaction), so an entry
 * is put, replaced or removed exactly when the write that causes it commits. Its reads page by key (a
 * {@link WorklistCursor}) over indexes in the worklist's order, so a page costs the same at any depth.
 */
public class UnreviewedVersions {

	private static final String COLUMNS =
			"RESOURCE_KEY, RESOURCE_TYPE, VERSION_ID, PATIENT, LAST_UPDATED, EVENT_DAY, SOURCE, PROFILE";
	private static final String ORDER = " ORDER BY LAST_UPDATED DESC, RESOURCE_KEY DESC";

	private final JdbcTemplate jdbc;

	/** @param dataSource the server's data source, whose schema {@link ModuleSchema#migrate()} has brought up to date */
	public UnreviewedVersions(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** Puts this version on the worklist, in place of any earlier version of the same resource. */
	public void put(UnreviewedVersion entry) {
		jdbc.update("DELETE FROM " + ModuleTables.AI_UNREVIEWED + " WHERE RESOURCE_KEY = ?", entry.key());
		insert(entry);
	}

	private void insert(UnreviewedVersion entry) {
		jdbc.update("INSERT INTO " + ModuleTables.AI_UNREVIEWED + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				entry.key(), entry.resourceType(), entry.version(), entry.patient(), utc(entry.lastUpdated()),
				entry.day(), StoredText.fit(entry.source(), ModuleTables.SOURCE_WIDTH),
				StoredText.fit(entry.profile(), ModuleTables.PROFILE_WIDTH));
	}

	/**
	 * Puts this version on the worklist only if its resource has no entry yet: an entry there was put by a live write,
	 * which saw a version at least as new, so it wins and is never replaced. Looks first, so a resource already listed
	 * costs a read rather than a failed insert; when another node puts the same resource between the look and the
	 * insert, the primary key keeps the first entry and this one reports it was not put. Meant to run outside a
	 * transaction (a failed insert would end a PostgreSQL transaction).
	 *
	 * @return whether the entry was put
	 */
	public boolean putIfAbsent(UnreviewedVersion entry) {
		Integer listed = jdbc.queryForObject("SELECT COUNT(*) FROM " + ModuleTables.AI_UNREVIEWED
				+ " WHERE RESOURCE_KEY = ?", Integer.class, entry.key());
		if (listed != null && listed > 0) {
			return false;
		}
		try {
			insert(entry);
			return true;
		} catch (DuplicateKeyException e) {
			return false;
		}
	}

	/**
	 * Takes a resource off the worklist if this version of it is there: it is being reviewed.
	 *
	 * @return whether it was there, so this is the version's first review
	 */
	public boolean removeVersion(String resourceType, String idPart, long version) {
		return jdbc.update("DELETE FROM " + ModuleTables.AI_UNREVIEWED + " WHERE RESOURCE_KEY = ? AND VERSION_ID = ?",
				UnreviewedVersion.keyOf(resourceType, idPart), version) > 0;
	}

	/** Takes a resource off the worklist whatever its version: it was deleted or its current version is not AI-labelled. */
	public void remove(String resourceType, String idPart) {
		jdbc.update("DELETE FROM " + ModuleTables.AI_UNREVIEWED + " WHERE RESOURCE_KEY = ?",
				UnreviewedVersion.keyOf(resourceType, idPart));
	}

	/** Up to {@code count} entries the query covers, newest first, after the cursor (from the newest when null). */
	public List<UnreviewedVersion> page(WorklistQuery query, WorklistCursor after, int count) {
		List<Object> arguments = new ArrayList<>();
		StringBuilder where = where(query, arguments);
		if (after != null) {
			where.append(where.isEmpty() ? " WHERE" : " AND")
					.append(" (LAST_UPDATED < ? OR (LAST_UPDATED = ? AND RESOURCE_KEY < ?))");
			arguments.add(utc(after.lastUpdated()));
			arguments.add(utc(after.lastUpdated()));
			arguments.add(after.key());
		}
		arguments.add(count);
		return jdbc.query("SELECT " + COLUMNS + " FROM " + ModuleTables.AI_UNREVIEWED + where + ORDER
				+ " LIMIT ?", UnreviewedVersions::entry, arguments.toArray());
	}

	/** How many entries the query covers. */
	public long count(WorklistQuery query) {
		List<Object> arguments = new ArrayList<>();
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + ModuleTables.AI_UNREVIEWED + where(query, arguments),
				Long.class, arguments.toArray());
		return count == null ? 0 : count;
	}

	private static StringBuilder where(WorklistQuery query, List<Object> arguments) {
		List<String> conditions = new ArrayList<>();
		condition(conditions, arguments, "RESOURCE_TYPE = ?", query.resourceType());
		condition(conditions, arguments, "PATIENT = ?", query.patient());
		condition(conditions, arguments, "EVENT_DAY >= ?", query.firstDay());
		condition(conditions, arguments, "EVENT_DAY <= ?", query.lastDay());
		condition(conditions, arguments, "SOURCE = ?", StoredText.fit(query.source(), ModuleTables.SOURCE_WIDTH));
		condition(conditions, arguments, "PROFILE = ?", StoredText.fit(query.profile(), ModuleTables.PROFILE_WIDTH));
		return new StringBuilder(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
	}

	private static void condition(List<String> conditions, List<Object> arguments, String condition, Object value) {
		if (value != null) {
			conditions.add(condition);
			arguments.add(value);
		}
	}

	/** Stored as UTC wall-clock time, so every node reads the same instant whatever its time zone. */
	private static LocalDateTime utc(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static UnreviewedVersion entry(ResultSet rs, int row) throws SQLException {
		return new UnreviewedVersion(
				rs.getString("RESOURCE_TYPE"),
				rs.getString("RESOURCE_KEY").substring(rs.getString("RESOURCE_TYPE").length() + 1),
				rs.getLong("VERSION_ID"),
				rs.getString("PATIENT"),
				rs.getObject("LAST_UPDATED", LocalDateTime.class).toInstant(ZoneOffset.UTC),
				rs.getObject("EVENT_DAY", LocalDate.class),
				rs.getString("SOURCE"),
				rs.getString("PROFILE"));
	}
}
