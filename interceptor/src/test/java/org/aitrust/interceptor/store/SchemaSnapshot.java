package org.aitrust.interceptor.store;

import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the module's tables look like in one database, read from the catalogue, so two databases can be compared
 * whatever path brought them there: every column with its type, length and nullability, and every index with its
 * definition. The history table is included (the migrations that ran are compared separately).
 *
 * @param columns {@code table.column type(length) nullable}, in table and column order
 * @param indexes one line per index (H2: per indexed column), in name order; H2 names its primary-key indexes
 *     after a counter, so they are listed as {@code PRIMARY KEY}
 */
record SchemaSnapshot(List<String> columns, List<String> indexes) {

	static SchemaSnapshot of(JdbcTemplate jdbc, DatabaseEngine engine) {
		List<String> columns = jdbc.query("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE"
						+ " FROM INFORMATION_SCHEMA.COLUMNS WHERE UPPER(TABLE_SCHEMA) = 'PUBLIC'"
						+ " AND UPPER(TABLE_NAME) LIKE 'AITRUST%' ORDER BY TABLE_NAME, ORDINAL_POSITION",
				(rs, row) -> rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + "(" + rs.getString(4) + ") "
						+ rs.getString(5));
		List<String> indexes = engine == DatabaseEngine.POSTGRESQL
				? jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
						+ " AND tablename LIKE 'aitrust%' ORDER BY indexname", String.class)
				: jdbc.query("SELECT I.TABLE_NAME, CASE WHEN I.INDEX_TYPE_NAME = 'PRIMARY KEY' THEN 'PRIMARY KEY'"
								+ " ELSE I.INDEX_NAME END AS NAME, I.INDEX_TYPE_NAME, C.COLUMN_NAME, C.ORDINAL_POSITION"
								+ " FROM INFORMATION_SCHEMA.INDEXES I JOIN INFORMATION_SCHEMA.INDEX_COLUMNS C"
								+ " ON C.INDEX_SCHEMA = I.INDEX_SCHEMA AND C.INDEX_NAME = I.INDEX_NAME"
								+ " WHERE I.INDEX_SCHEMA = 'PUBLIC' AND I.TABLE_NAME LIKE 'AITRUST%'"
								+ " ORDER BY I.TABLE_NAME, NAME, C.ORDINAL_POSITION",
						(rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
								+ rs.getString(4) + " " + rs.getInt(5));
		return new SchemaSnapshot(columns, indexes);
	}

	/** The indexes of one table (H2: one line per indexed column). */
	List<String> indexesOf(String table) {
		return indexes.stream().filter(index -> index.toUpperCase(Locale.ROOT).contains(table + " ")).toList();
	}

	/**
	 * The versions in the module's history table, in the order they were applied, with their type. Without the row
	 * that marks the table's creation, which Flyway writes on H2 only.
	 */
	static List<String> history(JdbcTemplate jdbc) {
		return jdbc.query("SELECT \"version\", \"type\", \"success\" FROM " + ModuleSchema.HISTORY_TABLE
						+ " WHERE \"type\" <> 'TABLE' ORDER BY \"installed_rank\"",
				(rs, row) -> rs.getString(1) + " " + rs.getString(2) + (rs.getBoolean(3) ? "" : " FAILED"));
	}
}
