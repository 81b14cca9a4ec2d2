package org.aitrust.interceptor.quality;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.function.Supplier;
import org.aitrust.interceptor.core.ReviewedWrite;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.interceptor.quality.check.CheckContext;
import org.aitrust.interceptor.store.QualityEventWriter;
import org.aitrust.interceptor.store.QualityReview;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Counts the first review of an AI-written version when the review operation stores its review Provenance, in the
 * same transaction: a rolled-back review leaves no count.
 *
 * <p>Registered with HAPI's own interceptor service, not on the {@code RestfulServer}: the module stores its review
 * Provenance with the system's authority (a system request, which no server interceptor sees), and only a
 * Provenance the module wrote and marked with a {@link ReviewedWrite} is counted, never a client's Provenance that
 * names a verifier.
 */
@Interceptor
public class QualityReviewInterceptor {

	private final QualityEventWriter store;
	private final QualityEventFactory events;
	private final Supplier<CheckContext> contexts;
	private final QualityMeters meters;

	public QualityReviewInterceptor(
			QualityEventWriter store, QualityEventFactory events, Supplier<CheckContext> contexts, QualityMeters meters) {
		this.store = store;
		this.events = events;
		this.contexts = contexts;
		this.meters = meters;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void storagePrecommitResourceCreated(IBaseResource resource) {
		if (!WriteMarks.isModuleWritten(resource)) {
			return;
		}
		ReviewedWrite review = ReviewedWrite.of(resource);
		if (review != null && review.firstReview()) {
			QualityReview measured = events.reviewed(review, contexts.get());
			store.record(measured);
			QualityInterceptor.afterCommit(() -> meters.count(measured));
		}
	}
}
