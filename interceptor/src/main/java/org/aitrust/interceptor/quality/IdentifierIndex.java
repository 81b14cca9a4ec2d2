package org.aitrust.interceptor.quality;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import jakarta.persistence.EntityManager;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which resources carry a business identifier, read from the server's own search index: the {@code identifier}
 * token rows HAPI FHIR JPA keeps in {@code HFJ_SPIDX_TOKEN}, found by the same hash of type, parameter, system and
 * value that HAPI's own {@code identifier=system|value} search uses. One indexed query; HAPI's search machinery
 * for the same question cost about as much as the rest of the measuring together.
 */
public class IdentifierIndex {

	private static final String OTHERS = "SELECT r.FHIR_ID FROM HFJ_SPIDX_TOKEN t JOIN HFJ_RESOURCE r ON r.RES_ID = t.RES_ID"
			+ " WHERE t.HASH_SYS_AND_VALUE = ? AND r.RES_DELETED_AT IS NULL AND (r.FHIR_ID IS NULL OR r.FHIR_ID <> ?)"
			+ " FETCH FIRST 1 ROWS ONLY";

	private final JdbcTemplate jdbc;
	private final PartitionSettings partitionSettings;
	private final EntityManager entityManager;

	/**
	 * @param entityManager the server's shared entity manager, flushed before asking so that resources written
	 *     earlier in the same transaction (a Bundle's other entries) are in the index
	 */
	public IdentifierIndex(DataSource dataSource, PartitionSettings partitionSettings, EntityManager entityManager) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.partitionSettings = partitionSettings;
		this.entityManager = entityManager;
	}

	/** Whether a resource of the type other than {@code selfIdPart} carries the identifier. */
	public boolean usedByAnother(String resourceType, String system, String value, String selfIdPart) {
		long hash = ResourceIndexedSearchParamToken.calculateHashSystemAndValue(
				partitionSettings, RequestPartitionId.defaultPartition(), resourceType, "identifier", system, value);
		if (entityManager.isJoinedToTransaction()) {
			entityManager.flush();
		}
		List<String> others = jdbc.queryForList(OTHERS, String.class, hash, selfIdPart == null ? "" : selfIdPart);
		return !others.isEmpty();
	}
}
