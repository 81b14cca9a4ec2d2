package org.aitrust.interceptor.store;

import java.time.LocalDate;

/**
 * Which entries of the review worklist to list or count; every filter is optional ({@code null} for all) and exact.
 * {@code $ai-unreviewed} filters by type and patient, {@code $data-quality} by arrival days, source, type and profile.
 *
 * @param resourceType the resource type
 * @param patient the Patient the resources are about, as {@code Patient/id}
 * @param firstDay first arrival day, inclusive
 * @param lastDay last arrival day, inclusive
 * @param source the client that wrote the version
 * @param profile the first profile the version claims
 */
public record WorklistQuery(
		String resourceType, String patient, LocalDate firstDay, LocalDate lastDay, String source, String profile) {

	/** The whole worklist, or that of one type and/or one patient. */
	public static WorklistQuery of(String resourceType, String patient) {
		return new WorklistQuery(resourceType, patient, null, null, null, null);
	}

	/** The entries a quality report covers: those that arrived in its days, with its filters. */
	public static WorklistQuery of(QualityQuery report) {
		return new WorklistQuery(report.resourceType(), null, report.start(), report.end(), report.source(),
				report.profile());
	}
}
