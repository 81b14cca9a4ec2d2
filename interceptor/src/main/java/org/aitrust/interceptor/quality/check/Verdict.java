package org.aitrust.interceptor.quality.check;

/**
 * A check's verdict on one resource built up as it judges the resource's parts: applicable once any part is judged,
 * violated once any judged part fails.
 */
final class Verdict {

	private boolean applicable;
	private boolean violated;

	/** Records one judged part. */
	void judged(boolean partViolates) {
		applicable = true;
		violated |= partViolates;
	}

	CheckOutcome outcome() {
		return CheckOutcome.of(applicable, violated);
	}
}
