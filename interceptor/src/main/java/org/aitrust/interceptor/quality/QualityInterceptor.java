package org.aitrust.interceptor.quality;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.interceptor.quality.check.CheckContext;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.interceptor.store.QualityEventWriter;
import org.aitrust.interceptor.store.QualityReview;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures every resource that arrives in a write. An accepted resource is measured just before its
 * transaction commits ({@code STORAGE_PRECOMMIT_*}), when its references are final, and its rows are
 * inserted in that same transaction: a rolled-back write leaves no count, a committed one always has its
 * count. A rejected write is measured after the rejection ({@code SERVER_HANDLE_EXCEPTION}), in a
 * transaction of its own, entry by entry for a Bundle. Resources the module writes itself are not counted as
 * arrivals; the first review of a version is counted by {@link QualityReviewInterceptor}. A meta operation
 * ({@code $meta-add}, {@code $meta-delete}) changes the tags of a stored version and stores no new one: it is not an
 * arrival.
 *
 * <p>Registered on the {@code RestfulServer}, it sees the writes of clients. Writes made with the system's authority
 * (a {@link SystemRequestDetails} or no request: bulk import, batch jobs, a host's own DAO calls) reach only HAPI's
 * own interceptor service; {@link SystemWriteQualityInterceptor}, registered there, hands them to
 * {@link #measureSystemWrite}. Each write is therefore measured by exactly one of the two.
 */
@Interceptor
public class QualityInterceptor {

	private static final Logger log = LoggerFactory.getLogger(QualityInterceptor.class);
	private static final String STARTED_KEY = QualityInterceptor.class.getName() + ".started";
	private static final String REJECTED_KEY = QualityInterceptor.class.getName() + ".rejected";
	private static final String STORED_KEY = QualityInterceptor.class.getName() + ".stored";
	/** Writes that run in one transaction, which commits if and only if the request succeeds. */
	private static final Set<RestOperationTypeEnum> ONE_TRANSACTION = EnumSet.of(
			RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH);
	private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(
			RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH,
			RestOperationTypeEnum.TRANSACTION);

	private final QualityEventWriter store;
	private final QualityEventFactory events;
	private final RequestSourceResolver sources;
	private final Supplier<CheckContext> contexts;
	private final QualityMeters meters;
	private final TransactionTemplate ownTransaction;

	public QualityInterceptor(
			QualityEventWriter store,
			QualityEventFactory events,
			RequestSourceResolver sources,
			Supplier<CheckContext> contexts,
			QualityMeters meters,
			PlatformTransactionManager transactionManager) {
		this.store = store;
		this.events = events;
		this.sources = sources;
		this.contexts = contexts;
		this.meters = meters;
		this.ownTransaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * Notes when a request began, before its body is read, for the write-latency histogram: a write is timed from
	 * here until its response is written, the time its client waits for the server.
	 */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean serverIncomingRequestPostProcessed(RequestDetails request) {
		request.getUserData().put(STARTED_KEY, System.nanoTime());
		return true;
	}

	/**
	 * Times the write and, when it succeeded, moves the meters of what its one transaction stored (see
	 * {@link #countOnceCommitted}).
	 */
	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
	public void serverProcessingCompleted(RequestDetails request) {
		if (request == null) {
			return;
		}
		boolean accepted = request.getUserData().get(REJECTED_KEY) == null;
		if (request.getUserData().remove(STORED_KEY) instanceof StoredArrivals stored && accepted) {
			meters.count(stored.events);
		}
		if (request.getUserData().remove(STARTED_KEY) instanceof Long started
				&& WRITES.contains(request.getRestOperationType())) {
			meters.timeWrite(request.getRestOperationType(), request.getResourceName(), accepted,
					System.nanoTime() - started);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void storagePrecommitResourceCreated(IBaseResource resource, RequestDetails request) {
		measureAccepted(resource, request);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void storagePrecommitResourceUpdated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		if (storesNewVersion(oldResource, newResource)) {
			measureAccepted(newResource, request);
		}
	}

	/**
	 * Whether an update stored a new version. HAPI 8.8 announces {@code $meta-add} and {@code $meta-delete} as an update
	 * of the resource ({@code STORAGE_PRECOMMIT_RESOURCE_UPDATED}) though they only change the tags of the stored
	 * version, which keeps its version id; an update that changes nothing announces nothing. So an update that keeps
	 * the version id is a meta operation, whichever way it was called (REST or a system DAO call).
	 */
	static boolean storesNewVersion(IBaseResource oldResource, IBaseResource newResource) {
		if (oldResource == null || newResource == null) {
			return true;
		}
		String before = oldResource.getIdElement().getVersionIdPart();
		return before == null || !before.equals(newResource.getIdElement().getVersionIdPart());
	}

	/**
	 * A refused write is a rejected arrival, except a refusal of access (401, 403): that is a caller the server would
	 * not hear, not data that arrived, and counting it would let anyone inflate a source's rejections.
	 */
	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean serverHandleException(RequestDetails request, BaseServerResponseException exception) {
		if (request == null || !WRITES.contains(request.getRestOperationType())
				|| exception.getStatusCode() == 401 || exception.getStatusCode() == 403) {
			return true;
		}
		request.getUserData().put(REJECTED_KEY, Boolean.TRUE);
		try {
			List<QualityEvent> rejected = rejectedArrivals(request);
			ownTransaction.executeWithoutResult(status -> store.record(rejected));
			meters.count(rejected);
		} catch (RuntimeException | StackOverflowError e) {
			// The client gets the original error; a measurement failure must not replace it.
			log.warn("Could not record the rejected write of {}: {}", request.getRequestPath(), e.toString());
		}
		return true;
	}

	private void measureAccepted(IBaseResource resource, RequestDetails request) {
		if (request == null || request instanceof SystemRequestDetails) {
			return; // a system write: measured once, by measureSystemWrite
		}
		measure(resource, request, sources.resolve(request));
	}

	/**
	 * Measures a write made with the system's authority (see {@link SystemWriteQualityInterceptor}), attributed to the
	 * source {@code system}, in its transaction. Its meters move after that transaction commits: there is no request
	 * whose completion would say so.
	 */
	void measureSystemWrite(IBaseResource resource, RequestDetails request) {
		measure(resource, request, RequestSource.SYSTEM);
	}

	private void measure(IBaseResource resource, RequestDetails request, RequestSource source) {
		if (WriteMarks.isModuleWritten(resource)) {
			return;
		}
		long started = System.nanoTime();
		QualityEvent event = events.arrived((Resource) resource, source, true, contexts.get());
		store.record(List.of(event));
		meters.timeMeasurement(event.resourceType(), System.nanoTime() - started);
		countOnceCommitted(request, event);
	}

	/**
	 * Moves the node-local meters of an arrival once its transaction has committed. A create, update or patch request
	 * succeeds only if its one transaction committed, so its arrivals are counted when it completes without error;
	 * a Bundle's entries may commit or roll back one by one (a batch), so theirs are counted by the transaction
	 * itself. A transaction synchronization for every write would do for both, but Spring sorts the registered
	 * synchronizations four times per commit, and with this one beside HAPI's own the sorting alone took 0.2% of a
	 * create's request-thread CPU.
	 */
	private void countOnceCommitted(RequestDetails request, QualityEvent event) {
		if (request != null && !(request instanceof SystemRequestDetails)
				&& ONE_TRANSACTION.contains(request.getRestOperationType())) {
			((StoredArrivals) request.getUserData().computeIfAbsent(STORED_KEY, key -> new StoredArrivals())).events.add(event);
		} else {
			afterCommit(() -> meters.count(List.of(event)));
		}
	}

	/** Arrivals stored by a request's transaction, to be counted when the request succeeds. */
	private static final class StoredArrivals {
		private final List<QualityEvent> events = new ArrayList<>(1);
	}

	/** Node-local meters move only for what the database kept. */
	static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		} else {
			action.run();
		}
	}

	private List<QualityEvent> rejectedArrivals(RequestDetails request) {
		IBaseResource body = request.getResource();
		List<QualityEvent> rejected = new ArrayList<>();
		CheckContext context = contexts.get();
		if (body instanceof Bundle bundle && request.getRestOperationType() == RestOperationTypeEnum.TRANSACTION) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.getResource() != null) {
					rejected.add(events.arrived(entry.getResource(), sources.resolve(request), false, context));
				}
			}
		} else if (body instanceof Resource resource) {
			rejected.add(events.arrived(resource, sources.resolve(request), false, context));
		} else {
			rejected.add(events.unreadable(request.getResourceName(), sources.resolve(request)));
		}
		return rejected;
	}
}
