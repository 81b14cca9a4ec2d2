package org.aitrust.interceptor.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.model.DeleteConflict;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;
import ca.uhn.fhir.model.primitive.IdDt;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.provenance.ModuleRecords;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class ModuleProvenanceDeleteConflictsTest {

	private static final IdDt PRACTITIONER = new IdDt("Practitioner/reviewer/_history/1");

	/** The stored resources the rule reads the conflicts' sources from. */
	private final Map<String, Resource> stored = new HashMap<>();
	private final ModuleRecordWriter records = new ModuleRecordWriter() {
		@Override
		public IIdType create(Resource record, RequestDetails request, TransactionDetails transaction) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void storeAtItsId(Resource record) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<Resource> find(IIdType id) {
			return Optional.ofNullable(stored.get(id.toUnqualifiedVersionless().getValue()));
		}
	};

	private IdDt provenance(String id, boolean moduleWritten) {
		Provenance provenance = new Provenance();
		if (moduleWritten) {
			ModuleRecords.tag(provenance);
		}
		stored.put("Provenance/" + id, provenance);
		return new IdDt("Provenance/" + id + "/_history/1");
	}

	private static DeleteConflictList conflicts(IdDt... sources) {
		DeleteConflictList list = new DeleteConflictList();
		for (IdDt source : sources) {
			list.add(new DeleteConflict(source, "Provenance.agent.who", PRACTITIONER));
		}
		return list;
	}

	private static List<String> sources(DeleteConflictList list) {
		List<String> ids = new ArrayList<>();
		list.forEach(conflict -> ids.add(conflict.getSourceId().toUnqualifiedVersionless().getValue()));
		return ids;
	}

	@Test
	void aModuleProvenanceIsDroppedAndHapiAskedToLookForMore() {
		DeleteConflictList list = conflicts(provenance("review", true));

		DeleteConflictOutcome outcome = new ModuleProvenanceDeleteConflicts(records, 60).dropModuleProvenance(list);

		assertThat(list.isEmpty()).isTrue();
		assertThat(outcome).isNotNull();
		assertThat(outcome.getShouldRetryCount()).as("one more look, so a client's reference behind it is found").isEqualTo(1);
	}

	@Test
	void aClientsReferencesStillBlock() {
		IdDt clientProvenance = provenance("client-claim", false);
		IdDt encounter = new IdDt("Encounter/visit/_history/2");
		DeleteConflictList list = conflicts(provenance("review", true), clientProvenance, encounter);

		new ModuleProvenanceDeleteConflicts(records, 60).dropModuleProvenance(list);

		assertThat(sources(list)).containsExactly("Provenance/client-claim", "Encounter/visit");
	}

	@Test
	void withoutModuleProvenanceNothingChanges() {
		DeleteConflictList list = conflicts(new IdDt("Encounter/visit/_history/2"));

		assertThat(new ModuleProvenanceDeleteConflicts(records, 60).dropModuleProvenance(list)).isNull();
		assertThat(sources(list)).containsExactly("Encounter/visit");
	}

	@Test
	void aFullPageIsLeftAsHapiFoundIt() {
		DeleteConflictList list = conflicts(provenance("a", true), provenance("b", true), provenance("c", true));

		assertThat(new ModuleProvenanceDeleteConflicts(records, 3).dropModuleProvenance(list)).isNull();
		assertThat(list.size()).as("references beyond a full page are unseen: HAPI's 409 stands").isEqualTo(3);
	}
}
