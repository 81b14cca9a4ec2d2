package org.aitrust.interceptor.quality;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which resources carry a business identifier, read from the server's own search index: the {@code identifier}
 * token rows HAPI FHIR JPA keeps in {@code HFJ_SPIDX_TOKEN}, found by the same hash of type, parameter, system and
 * value that HAPI's own {@code identifier=system|value} search uses. One or two index lookups; HAPI's search
 * machinery for the same question cost about as much as the rest of the measuring together.
 *
 * <p>The lookups run in the write's transaction without flushing it first, so an earlier entry of the same
 * transaction Bundle whose index rows Hibernate has not yet written is not seen. A flush before each question
 * checks every entity a large transaction holds, and a Synthea record asks hundreds of them.
 */
public class IdentifierIndex {

	/** Two rows answer the question: at most one of them can be the resource being written. */
	private static final String CARRIERS = "SELECT DISTINCT RES_ID FROM HFJ_SPIDX_TOKEN WHERE HASH_SYS_AND_VALUE = ?"
			+ " FETCH FIRST 2 ROWS ONLY";
	private static final String ID_OF = "SELECT FHIR_ID FROM HFJ_RESOURCE WHERE RES_ID = ? AND RES_DELETED_AT IS NULL";

	private final JdbcTemplate jdbc;
	private final PartitionSettings partitionSettings;

	public IdentifierIndex(DataSource dataSource, PartitionSettings partitionSettings) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.partitionSettings = partitionSettings;
	}

	/** Whether a resource of the type other than {@code selfIdPart} carries the identifier. */
	public boolean usedByAnother(String resourceType, String system, String value, String selfIdPart) {
		long hash = ResourceIndexedSearchParamToken.calculateHashSystemAndValue(
				partitionSettings, RequestPartitionId.defaultPartition(), resourceType, "identifier", system, value);
		// Each query is a lookup by an index of its own; a join left the plan to the database's optimizer
		List<Long> carriers = jdbc.queryForList(CARRIERS, Long.class, hash);
		if (carriers.size() != 1) {
			return carriers.size() > 1;
		}
		List<String> ids = jdbc.queryForList(ID_OF, String.class, carriers.get(0));
		return !ids.isEmpty() && !ids.get(0).equals(selfIdPart);
	}
}
