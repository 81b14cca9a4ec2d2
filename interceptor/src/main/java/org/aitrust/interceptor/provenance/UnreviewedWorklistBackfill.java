package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.interceptor.store.UnreviewedVersion;
import org.aitrust.interceptor.store.UnreviewedVersions;
import org.aitrust.interceptor.store.WorklistBackfillMarker;
import org.aitrust.provenance.AiLabels;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Puts on the review worklist, once per database, the AI-labelled resources stored before the worklist existed (an
 * earlier build, before migration V6): every resource labelled AIAST at resource level whose current version has no
 * review ({@link ModuleReviews}), as the entry a live write would have put ({@link UnreviewedEntries}). Runs when the
 * server has started its singletons, so HAPI's DAOs are ready and {@link UnreviewedWorklistInterceptor} already keeps
 * the worklist for writes arriving meanwhile.
 *
 * <p>Reads each resource type the server stores page by page, with the system's authority in every partition. An
 * entry already on the worklist was put by a live write and wins ({@link UnreviewedVersions#putIfAbsent}); a resource
 * changed between the search and the put is re-read, and a stale entry taken off again. The marker
 * ({@link WorklistBackfillMarker}) is written only at the end, so nodes starting together may both backfill, harmlessly,
 * and a backfill that fails is logged and runs again at the next start rather than stopping this one.
 */
public class UnreviewedWorklistBackfill implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(UnreviewedWorklistBackfill.class);
	/** Resources read per page: bounded memory whatever the server holds. */
	static final int PAGE = 200;

	private final DaoRegistry daoRegistry;
	private final UnreviewedVersions worklist;
	private final WorklistBackfillMarker marker;
	private final Clock clock;
	private final ModuleReviews reviews;

	public UnreviewedWorklistBackfill(
			DaoRegistry daoRegistry, UnreviewedVersions worklist, WorklistBackfillMarker marker, Clock clock) {
		this.daoRegistry = daoRegistry;
		this.worklist = worklist;
		this.marker = marker;
		this.clock = clock;
		this.reviews = new ModuleReviews(daoRegistry);
	}

	@Override
	public void afterSingletonsInstantiated() {
		backfillOnce();
	}

	/**
	 * Backfills unless a backfill finished on this database before; never throws.
	 *
	 * @return whether the worklist is backfilled now (done before, or by this call)
	 */
	public boolean backfillOnce() {
		Progress progress = new Progress();
		try {
			if (marker.isDone()) {
				return true;
			}
			long started = System.nanoTime();
			for (String type : new TreeSet<>(daoRegistry.getRegisteredDaoTypes())) {
				backfill(type, progress);
				progress.types++;
			}
			marker.markDone(clock.instant());
			log.info("FHIR AI Trust backfilled the review worklist: {} AI-labelled resources read in {} resource types,"
							+ " {} put on the worklist, in {} ms", progress.read, progress.types, progress.put,
					(System.nanoTime() - started) / 1_000_000);
			return true;
		} catch (RuntimeException e) {
			log.warn("FHIR AI Trust could not backfill the review worklist with AI writes from before it existed; it runs"
							+ " again at the next start. Done so far: {} resource types, {} AI-labelled resources read, {}"
							+ " put on the worklist (those stay)", progress.types, progress.read, progress.put, e);
			return false;
		}
	}

	private void backfill(String type, Progress progress) {
		IFhirResourceDao<?> dao = daoRegistry.getResourceDao(type);
		SystemRequestDetails system = SystemRequestDetails.forAllPartitions();
		SearchParameterMap labelled = new SearchParameterMap().add("_security",
				new TokenParam(AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, AiTransparency.CODE_AIAST));
		IBundleProvider results = dao.search(labelled, system);
		for (int from = 0; ; from += PAGE) {
			List<IBaseResource> page = results.getResources(from, from + PAGE);
			if (page.isEmpty()) {
				return;
			}
			progress.read += page.size();
			List<Resource> aiWrites = new ArrayList<>();
			for (IBaseResource resource : page) {
				if (resource instanceof Resource stored && !WriteMarks.isModuleWritten(stored) && AiLabels.isAiAsserted(stored)) {
					aiWrites.add(stored);
				}
			}
			Set<String> reviewed = reviews.reviewedVersionsOf(aiWrites, system);
			for (Resource aiWrite : aiWrites) {
				if (!reviewed.contains(aiWrite.getIdElement().toUnqualified().getValue())) {
					progress.put += put(dao, aiWrite, system) ? 1 : 0;
				}
			}
		}
	}

	/**
	 * Puts the version's entry unless one is there; then, if a write changed the resource since it was read (its
	 * transaction may have committed before the put, so it took nothing off), takes this now stale entry off again.
	 */
	private boolean put(IFhirResourceDao<?> dao, Resource aiWrite, SystemRequestDetails system) {
		UnreviewedVersion entry = UnreviewedEntries.of(aiWrite, RequestSource.UNKNOWN, clock.instant());
		if (!worklist.putIfAbsent(entry)) {
			return false;
		}
		String current;
		try {
			current = dao.read(aiWrite.getIdElement().toUnqualifiedVersionless(), system).getIdElement().getVersionIdPart();
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			current = null;
		}
		if (!String.valueOf(entry.version()).equals(current)) {
			worklist.removeVersion(entry.resourceType(), entry.idPart(), entry.version());
			return false;
		}
		return true;
	}

	/** What a backfill has done so far, for its log line. */
	private static final class Progress {
		int types;
		long read;
		long put;
	}
}
