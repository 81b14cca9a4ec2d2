package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.time.Clock;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.provenance.AiLabels;
import org.aitrust.provenance.ClientReference;
import org.aitrust.provenance.DeleteProvenanceBuilder;
import org.aitrust.provenance.ModuleRecords;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Records the delete of an AI-labelled resource: a Provenance with activity DELETE whose target is the version the
 * delete removed and whose agent is the deleting client, tagged as the module's and stored through
 * {@link ModuleRecordWriter} with the system's authority, so no client can change or delete it afterwards.
 *
 * <p>It is written before HAPI marks the resource deleted ({@code STORAGE_PRESTORAGE_RESOURCE_DELETED}), in the
 * delete's transaction: then the target still resolves (HAPI refuses a new reference to a deleted resource), and a
 * delete that fails afterwards (a client's reference blocks it) rolls the record back with it.
 */
final class AiDeleteRecorder {

	/** How the Provenance names a deleting client when the request names none (a server without identity). */
	static final String UNIDENTIFIED_CLIENT = "unidentified client";

	private final RequestSourceResolver sources;
	private final ModuleRecordWriter records;
	private final Clock clock;

	AiDeleteRecorder(RequestSourceResolver sources, ModuleRecordWriter records, Clock clock) {
		this.sources = sources;
		this.records = records;
		this.clock = clock;
	}

	/** Stores the delete Provenance when the resource about to be deleted is AI-labelled; nothing otherwise. */
	void beforeDelete(Resource stored, RequestDetails request, TransactionDetails transaction) {
		if (!AiLabels.isAiAsserted(stored)) {
			return;
		}
		Provenance provenance = DeleteProvenanceBuilder.forDeletedVersion(stored.getIdElement())
				.recorded(clock.instant())
				.deletedBy(deleter(request))
				.build();
		ModuleRecords.tag(provenance);
		WriteMarks.markModuleWritten(provenance);
		records.create(provenance, request, transaction);
	}

	private Reference deleter(RequestDetails request) {
		RequestSource source = request == null ? RequestSource.UNKNOWN : sources.resolve(request);
		return source.isKnown() ? ClientReference.to(source.clientId()) : new Reference().setDisplay(UNIDENTIFIED_CLIENT);
	}
}
