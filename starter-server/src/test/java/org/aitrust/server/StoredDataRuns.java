package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aitrust.interceptor.store.ShareMeasures;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** Runs the stored-data job the way an administrator's script would, and reads its figures. */
final class StoredDataRuns {

	/** The write-time shares that belong to writes (reviews, AI-Provenance): the stored population has no figure. */
	static final List<String> WRITE_ONLY = List.of(ShareMeasures.AI_WITHOUT_PROVENANCE, ShareMeasures.AI_REVIEWED,
			ShareMeasures.AI_UNREVIEWED);

	private StoredDataRuns() {}

	/**
	 * Starts a run over the types and polls {@code $aitrust-quality-run-status} until its figures are the ones
	 * reported. Batch2 notices that a job's last chunk is done in its maintenance pass, run here rather than waited
	 * for (it runs once a minute).
	 */
	static void runToCompletion(IGenericClient client, IJobMaintenanceService maintenance, String... types)
			throws InterruptedException {
		Parameters in = new Parameters();
		for (String type : types) {
			in.addParameter().setName("resourceType").setValue(new StringType(type));
		}
		Parameters started = client.operation().onServer().named("$data-quality-measure-stored").withParameters(in)
				.execute();
		String job = started.getParameter("job").getValue().primitiveValue();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
		while (true) {
			maintenance.runMaintenancePass();
			Parameters query = new Parameters();
			query.addParameter().setName("job").setValue(new StringType(job));
			Parameters status = client.operation().onServer().named("$aitrust-quality-run-status").withParameters(query)
					.useHttpGet().execute();
			assertThat(status.getParameter("status").getValue().primitiveValue()).as("job " + job)
					.isNotIn("FAILED", "ERRORED", "CANCELLED");
			if (status.getParameter("reported") != null
					&& "true".equals(status.getParameter("reported").getValue().primitiveValue())) {
				return;
			}
			assertThat(Instant.now()).as("run " + job + " completes in time").isBefore(deadline);
			Thread.sleep(200);
		}
	}

	/** {denominator, numerator} by measure id, without the shares only writes have. */
	static Map<String, List<Long>> withoutWriteOnly(Map<String, List<Long>> totals) {
		Map<String, List<Long>> kept = new HashMap<>(totals);
		WRITE_ONLY.forEach(kept::remove);
		return kept;
	}
}
