package org.aitrust.interceptor.quality.check;

/**
 * What one check found about one resource. {@link #NOT_APPLICABLE} is kept apart from {@link #PASS} so that a
 * check's denominator counts only the resources it could judge: a Patient says nothing about vital-sign ranges,
 * and counting it as passing would dilute the share of implausible vital signs.
 */
public enum CheckOutcome {

	/** The check applied and the resource met it. */
	PASS,
	/** The check applied and the resource violated it. */
	FAIL,
	/** The resource has nothing this check can judge. */
	NOT_APPLICABLE;

	/** {@link #NOT_APPLICABLE} when nothing was judged, else {@link #FAIL} or {@link #PASS}. */
	static CheckOutcome of(boolean applicable, boolean violated) {
		if (!applicable) {
			return NOT_APPLICABLE;
		}
		return violated ? FAIL : PASS;
	}
}
