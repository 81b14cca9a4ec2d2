package org.aitrust.interceptor.store;

import java.time.LocalDate;

/**
 * Which arrivals a quality report covers: an inclusive range of days and optional exact filters.
 *
 * @param start first day, inclusive
 * @param end last day, inclusive
 * @param source client, or {@code null} for all
 * @param resourceType resource type, or {@code null} for all
 * @param profile claimed profile, or {@code null} for all
 * @param population which measuring the rows come from; never both
 */
public record QualityQuery(LocalDate start, LocalDate end, String source, String resourceType, String profile,
		QualityPopulation population) {

	public QualityQuery {
		if (end.isBefore(start)) {
			throw new IllegalArgumentException("end " + end + " is before start " + start);
		}
		if (population == null) {
			population = QualityPopulation.WRITE;
		}
	}

	/** A query of the write-time population. */
	public QualityQuery(LocalDate start, LocalDate end, String source, String resourceType, String profile) {
		this(start, end, source, resourceType, profile, QualityPopulation.WRITE);
	}

	/** The same query restricted to one resource type. */
	public QualityQuery withResourceType(String type) {
		return new QualityQuery(start, end, source, type, profile);
	}
}
