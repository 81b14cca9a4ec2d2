package org.aitrust.interceptor.quality;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one run of the stored-data job, as Batch2 keeps them with the job instance: the run's id (the
 * {@code RUN_ID} of its rows), the resource types to measure and the range of {@code meta.lastUpdated}
 * ({@code [from, to)}, ISO instants).
 */
public class MeasureStoredParameters implements IModelJson {

	@JsonProperty("runId")
	private String runId;

	@JsonProperty("resourceTypes")
	private List<String> resourceTypes = new ArrayList<>();

	@JsonProperty("from")
	private String from;

	@JsonProperty("to")
	private String to;

	public String getRunId() {
		return runId;
	}

	public MeasureStoredParameters setRunId(String runId) {
		this.runId = runId;
		return this;
	}

	public List<String> getResourceTypes() {
		return resourceTypes;
	}

	public MeasureStoredParameters setResourceTypes(List<String> resourceTypes) {
		this.resourceTypes = new ArrayList<>(resourceTypes);
		return this;
	}

	public String getFrom() {
		return from;
	}

	public MeasureStoredParameters setFrom(String from) {
		this.from = from;
		return this;
	}

	public String getTo() {
		return to;
	}

	public MeasureStoredParameters setTo(String to) {
		this.to = to;
		return this;
	}
}
