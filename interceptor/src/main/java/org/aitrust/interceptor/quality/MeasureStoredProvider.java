package org.aitrust.interceptor.quality;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.NotImplementedOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.aitrust.interceptor.report.OperationParameters;
import org.aitrust.interceptor.store.StoredRuns;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST [base]/$data-quality-measure-stored} starts the stored-data job ({@link MeasureStoredJob}) over the
 * stored resources of the given types (all stored types when none is given) last updated in the given days; its
 * answer names the job. {@code GET [base]/$aitrust-quality-run-status?job=} tells how far it is: Batch2's status and
 * progress, and once the run completed, that {@code $data-quality?population=stored} reports it.
 */
public class MeasureStoredProvider {

	public static final String MEASURE = "$data-quality-measure-stored";
	public static final String STATUS = "$aitrust-quality-run-status";
	private static final Set<String> MEASURE_PARAMETERS = Set.of("resourceType", "lastUpdated-start", "lastUpdated-end",
			"_format", "_pretty");

	private final Supplier<IJobCoordinator> coordinator;
	private final StoredRuns runs;
	private final Predicate<String> storedTypes;
	private final Clock clock;

	/**
	 * @param coordinator HAPI's Batch2 coordinator, or {@code null} from the supplier when the server runs no Batch2
	 * @param storedTypes whether this server stores a resource type
	 */
	public MeasureStoredProvider(Supplier<IJobCoordinator> coordinator, StoredRuns runs, Predicate<String> storedTypes,
			Clock clock) {
		this.coordinator = coordinator;
		this.runs = runs;
		this.storedTypes = storedTypes;
		this.clock = clock;
	}

	@Operation(name = MEASURE)
	public Parameters measureStored(
			@OperationParam(name = "resourceType") List<StringType> resourceTypes,
			@OperationParam(name = "lastUpdated-start", max = 1) StringType start,
			@OperationParam(name = "lastUpdated-end", max = 1) StringType end,
			RequestDetails request) {
		OperationParameters.refuseUnknown(MEASURE, request, MEASURE_PARAMETERS);
		List<String> types = new ArrayList<>();
		for (StringType type : resourceTypes == null ? List.<StringType>of() : resourceTypes) {
			String name = OperationParameters.text(type);
			if (name == null || !storedTypes.test(name)) {
				throw new InvalidRequestException(MEASURE + ": unknown resourceType '" + name
						+ "'; this server stores no resources of that type");
			}
			types.add(name);
		}
		LocalDate first = OperationParameters.date(MEASURE, "lastUpdated-start", start, LocalDate.EPOCH);
		Instant now = clock.instant();
		LocalDate last = OperationParameters.date(MEASURE, "lastUpdated-end", end, LocalDate.ofInstant(now, ZoneOffset.UTC));
		if (last.isBefore(first)) {
			throw new InvalidRequestException(MEASURE + ": lastUpdated-end " + last + " is before lastUpdated-start " + first);
		}
		IJobCoordinator jobs = jobs();
		MeasureStoredParameters parameters = new MeasureStoredParameters()
				.setRunId(UUID.randomUUID().toString())
				.setResourceTypes(types)
				.setFrom(first.atStartOfDay(ZoneOffset.UTC).toInstant().toString())
				.setTo(last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
		runs.starting(parameters.getRunId(), now);
		String jobId;
		try {
			jobId = jobs.startInstance(request, new JobInstanceStartRequest(MeasureStoredJob.JOB_DEFINITION_ID, parameters)
					.setUseCache(false)).getInstanceId();
		} catch (RuntimeException e) {
			runs.delete(parameters.getRunId());
			throw e;
		}
		runs.startedAs(parameters.getRunId(), jobId);
		Parameters answer = new Parameters();
		answer.addParameter("job", jobId);
		answer.addParameter("run", parameters.getRunId());
		answer.addParameter("status-url", request.getFhirServerBase() + "/" + STATUS + "?job=" + jobId);
		return answer;
	}

	@Operation(name = STATUS, idempotent = true)
	public Parameters runStatus(@OperationParam(name = "job", min = 1, max = 1) StringType job, RequestDetails request) {
		OperationParameters.refuseUnknown(STATUS, request, Set.of("job", "_format", "_pretty"));
		String jobId = OperationParameters.text(job);
		if (jobId == null) {
			throw new InvalidRequestException(STATUS + ": 'job' is required");
		}
		JobInstance instance;
		try {
			instance = jobs().getInstance(jobId);
		} catch (ResourceNotFoundException e) {
			instance = null;
		}
		if (instance == null || !MeasureStoredJob.JOB_DEFINITION_ID.equals(instance.getJobDefinitionId())) {
			throw new ResourceNotFoundException(STATUS + ": no stored-data run has job id '" + jobId + "'");
		}
		Parameters answer = new Parameters();
		answer.addParameter("job", jobId);
		answer.addParameter("status", instance.getStatus().name());
		answer.addParameter().setName("progress").setValue(new DecimalType(instance.getProgress()));
		if (instance.getCombinedRecordsProcessed() != null) {
			answer.addParameter().setName("records-processed").setValue(new IntegerType(instance.getCombinedRecordsProcessed()));
		}
		if (instance.getErrorMessage() != null) {
			answer.addParameter("error", instance.getErrorMessage());
		}
		runs.byJob(jobId).ifPresent(run -> {
			answer.addParameter("run", run.runId());
			if (run.completed() != null) {
				answer.addParameter().setName("completed").setValue(new DateTimeType(Date.from(run.completed())));
				answer.addParameter("reported", runs.latestCompleted().map(run.runId()::equals).orElse(false));
			}
		});
		return answer;
	}

	private IJobCoordinator jobs() {
		IJobCoordinator jobs = coordinator.get();
		if (jobs == null) {
			throw new NotImplementedOperationException(MEASURE + " needs HAPI's Batch2 jobs (JpaBatch2Config), which this"
					+ " server does not run");
		}
		return jobs;
	}
}
