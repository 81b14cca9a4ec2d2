package org.aitrust.interceptor.quality;

import ca.uhn.fhir.model.api.IModelJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** One Batch2 work chunk of the stored-data job: the ids of a page of stored resources of one type. */
public class StoredPage implements IModelJson {

	@JsonProperty("resourceType")
	private String resourceType;

	@JsonProperty("ids")
	private List<String> ids = new ArrayList<>();

	public StoredPage() {}

	public StoredPage(String resourceType, List<String> ids) {
		this.resourceType = resourceType;
		this.ids = new ArrayList<>(ids);
	}

	public String getResourceType() {
		return resourceType;
	}

	public List<String> getIds() {
		return ids;
	}
}
