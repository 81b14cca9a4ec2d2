/**
 * Data-quality checks applied to each resource as it crosses the write boundary, free of any server: a check
 * sees the resource and asks a {@link org.aitrust.interceptor.quality.check.CheckContext} for the few facts only
 * the server knows (the time, the patient, whether a reference or identifier exists).
 *
 * <p>Each check carries its Kahn et al. (2016) harmonized data-quality category, as OHDSI's Data Quality
 * Dashboard reports them, and yields one {@link org.aitrust.interceptor.quality.check.CheckOutcome} per resource:
 * the caller counts {@code FAIL} as the numerator and {@code PASS} plus {@code FAIL} as the denominator, so that a
 * check that does not apply to a resource neither helps nor hurts its score.
 *
 * @see <a href="https://doi.org/10.13063/2327-9214.1244">Kahn MG et al. A Harmonized Data Quality Assessment
 *     Terminology and Framework for the Secondary Use of Electronic Health Record Data. eGEMs 2016;4(1):1244</a>
 * @see <a href="https://ohdsi.github.io/DataQualityDashboard/">OHDSI Data Quality Dashboard</a>
 */
package org.aitrust.interceptor.quality.check;
