package org.aitrust.interceptor.quality;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.batch2.model.JobDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.interceptor.store.QualityEventWriter;
import org.aitrust.interceptor.store.StoredRuns;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stored-data job, a HAPI Batch2 job: its first step pages over the stored resources of each requested type
 * ({@link StoredResources}) and makes one work chunk per page of ids; its last step measures a page
 * ({@link StoredResourceMeasurer}) and inserts its rows as the {@code stored} population of the run, in one
 * transaction with the claim of the chunk ({@link StoredRuns#claimChunk}), so a chunk delivered twice counts once.
 * Batch2 keeps the chunks in the database: after a restart the chunks not yet measured are measured, the others are
 * not. When every chunk is done, the run completes and replaces the previous one in one transaction; a failed or
 * cancelled run is deleted.
 */
public class MeasureStoredJob {

	/** The Batch2 job definition id. */
	public static final String JOB_DEFINITION_ID = "aitrust-measure-stored";
	/** Resources per work chunk: one transaction each. */
	static final int PAGE_SIZE = 200;

	private final StoredResources stored;
	private final StoredResourceMeasurer measurer;
	private final QualityEventWriter writer;
	private final StoredRuns runs;
	private final TransactionTemplate transaction;
	private final Clock clock;

	public MeasureStoredJob(StoredResources stored, StoredResourceMeasurer measurer, QualityEventWriter writer,
			StoredRuns runs, PlatformTransactionManager transactionManager, Clock clock) {
		this.stored = stored;
		this.measurer = measurer;
		this.writer = writer;
		this.runs = runs;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** The definition Batch2 registers (as a bean, through its {@code Batch2JobRegisterer}). */
	public JobDefinition<MeasureStoredParameters> definition() {
		return JobDefinition.newBuilder()
				.setJobDefinitionId(JOB_DEFINITION_ID)
				.setJobDescription("Measure stored resources with the data-quality checks (aitrust)")
				.setJobDefinitionVersion(1)
				.setParametersType(MeasureStoredParameters.class)
				.addFirstStep("page-stored-resources", "Page the stored resources of each type", StoredPage.class,
						this::pages)
				.addLastStep("measure-page", "Measure a page of stored resources", this::measure)
				.completionHandler(details -> transaction.executeWithoutResult(status ->
						runs.completed(details.getParameters().getRunId(), clock.instant())))
				.errorHandler(details -> transaction.executeWithoutResult(status ->
						runs.delete(details.getParameters().getRunId())))
				.build();
	}

	RunOutcome pages(StepExecutionDetails<MeasureStoredParameters, VoidModel> details, IJobDataSink<StoredPage> sink) {
		MeasureStoredParameters parameters = details.getParameters();
		Instant from = Instant.parse(parameters.getFrom());
		Instant to = Instant.parse(parameters.getTo());
		List<String> types = parameters.getResourceTypes().isEmpty() ? stored.storedTypes() : parameters.getResourceTypes();
		int found = 0;
		for (String type : types) {
			long after = 0;
			List<StoredResources.StoredId> page;
			do {
				page = stored.page(type, from, to, after, PAGE_SIZE);
				if (!page.isEmpty()) {
					sink.accept(new StoredPage(type, page.stream().map(StoredResources.StoredId::fhirId).toList()));
					after = page.get(page.size() - 1).rowId();
					found += page.size();
				}
			} while (page.size() == PAGE_SIZE);
		}
		return new RunOutcome(found);
	}

	RunOutcome measure(StepExecutionDetails<MeasureStoredParameters, StoredPage> details, IJobDataSink<VoidModel> sink) {
		String runId = details.getParameters().getRunId();
		StoredPage page = details.getData();
		Integer measured = transaction.execute(status -> {
			if (!runs.claimChunk(runId, details.getChunkId())) {
				return 0; // measured before, by a delivery whose transaction committed
			}
			List<QualityEvent> events = new ArrayList<>(page.getIds().size());
			for (String id : page.getIds()) {
				measurer.read(page.getResourceType(), id).map(measurer::measure).ifPresent(events::add);
			}
			writer.recordStored(events, runId);
			return events.size();
		});
		return new RunOutcome(measured == null ? 0 : measured);
	}
}
