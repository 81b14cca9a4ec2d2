package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.interceptor.hapi.VersionedProvenanceReferences;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.provenance.AiLabels;
import org.aitrust.provenance.AiModel;
import org.aitrust.provenance.AiProvenanceBuilder;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.provenance.ClientProvenance;
import org.aitrust.provenance.DataOperation;
import org.aitrust.provenance.InvalidClientProvenanceException;
import org.aitrust.provenance.ModuleRecords;
import org.aitrust.provenance.TransactionAiProvenance;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Labels every AI write with AIAST and stores its AI-Provenance in the same database transaction.
 *
 * <p>A write is an AI write when the resource carries the AIAST label (resource level or inline), when its
 * client is a registered AI agent, or when the request carries an {@code X-Provenance} header naming a
 * Device. The decision is taken before storage ({@code STORAGE_PRESTORAGE_*}), where the label is added; the
 * Provenance is written just before commit ({@code STORAGE_PRECOMMIT_*}), when the resource's id and
 * version are final, which for a transaction Bundle means after its {@code urn:uuid} references resolved.
 * If the Provenance cannot be stored the exception rolls the whole transaction back, so a resource never
 * lands without its Provenance.
 *
 * <p>The module's records (its Provenance, Devices and model cards, recognised by {@link ModuleRecords}) are
 * written with the system's authority through {@link ModuleRecordWriter}, so this interceptor, which is on the
 * {@code RestfulServer}, sees only clients' writes of them, and refuses them with 403: a client may not create a
 * resource carrying the reserved tag, at a reserved id (taking {@code Device/ai-model-…} before the module first
 * uses it) or with the module's model identifier, nor update or delete a module record. Module Provenance may be
 * changed when {@code aitrust.provenance.allow-provenance-changes} is set. An {@code X-Provenance} header may not
 * name a verifier or enterer (400): the server records both itself.
 *
 * <p>A client's own Provenance is kept faithfully: from {@code X-Provenance} every element it sent (targets with their
 * {@code targetPath}, reasons, policy, activity, a contained AI-InputPrompt...), the module setting only the versioned
 * target, {@code recorded} and the enterer; and in a transaction, a client's AI-Provenance targeting an entry (the IG's
 * pattern, {@link TransactionAiProvenance}) is validated and becomes that entry's only AI-Provenance, tagged
 * client-supplied. Inline AIAST labels give one {@code targetPath} per labelled element.
 *
 * <p>The AI label changes only with a version that says who wrote it: {@code $meta-add} of it, and {@code $meta-delete}
 * of it where an update could not drop it, are refused with 422 ({@link AiLabelMetaRule}). A client may delete an
 * AI-labelled resource; the delete is recorded by a module Provenance in its transaction ({@link AiDeleteRecorder}).
 */
@Interceptor
public class AiProvenanceInterceptor {

	/** The header through which a client supplies its own Provenance for a write (Azure and Firely convention). */
	public static final String X_PROVENANCE = "X-Provenance";

	private static final String AUTHOR_KEY = AiProvenanceInterceptor.class.getName() + ".author";
	private static final String CLIENT_PROVENANCE_KEY = AiProvenanceInterceptor.class.getName() + ".header";
	/** On a client's AI-Provenance entry the module recognised, and on each entry it attributes: the recognition. */
	private static final String CLIENT_RECORD_KEY = AiProvenanceInterceptor.class.getName() + ".clientRecord";
	private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(
			RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH,
			RestOperationTypeEnum.TRANSACTION);

	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;
	private final RequestSourceResolver sources;
	private final AiAuthorResolver authors;
	private final AiDeviceRegistry devices;
	private final ModuleRecordWriter records;
	private final Clock clock;
	private final AiDeleteRecorder deletes;
	private final AiProvenanceProfileCheck profileCheck;
	private ModuleRecordGuard guard = new ModuleRecordGuard(false);
	private AiLabelMetaRule labelMetaRule = new AiLabelMetaRule(false);
	private boolean allowLabelRemoval;

	public AiProvenanceInterceptor(
			FhirContext fhirContext,
			DaoRegistry daoRegistry,
			RequestSourceResolver sources,
			AiAuthorResolver authors,
			AiDeviceRegistry devices,
			ModuleRecordWriter records,
			Clock clock) {
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
		this.sources = sources;
		this.authors = authors;
		this.devices = devices;
		this.records = records;
		this.clock = clock;
		this.deletes = new AiDeleteRecorder(sources, records, clock);
		this.profileCheck = new AiProvenanceProfileCheck(fhirContext);
		VersionedProvenanceReferences.keepOn(fhirContext);
	}

	/** Lets clients update and delete module-written Provenance (default {@code false}). */
	public AiProvenanceInterceptor setAllowProvenanceChanges(boolean allow) {
		this.guard = new ModuleRecordGuard(allow);
		return this;
	}

	/** Lets a client that is not an AI agent store a new version without the AIAST label (default {@code false}). */
	public AiProvenanceInterceptor setAllowLabelRemoval(boolean allow) {
		this.allowLabelRemoval = allow;
		this.labelMetaRule = new AiLabelMetaRule(allow);
		return this;
	}

	/**
	 * Parses and checks the {@code X-Provenance} header once per write request, before any storage work, so a
	 * malformed header costs nothing and writes nothing; refuses a {@code $meta-add} or {@code $meta-delete} of the
	 * module's reserved tag (403) or of the AI label ({@link AiLabelMetaRule}, 422).
	 */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void serverIncomingRequestPreHandled(RequestDetails request, RestOperationTypeEnum operation) {
		if (MetaOperationBody.isMetaOperation(request, operation)) {
			checkMetaOperation(request, MetaOperationBody.read(fhirContext, request, operation));
			return;
		}
		if (!WRITES.contains(operation) && operation != RestOperationTypeEnum.BATCH) {
			return;
		}
		sources.resolve(request);
		String header = request.getHeader(X_PROVENANCE);
		if (header == null || header.isBlank()) {
			return;
		}
		ClientProvenance clientProvenance;
		try {
			clientProvenance = ClientProvenance.parse(fhirContext, header);
		} catch (InvalidClientProvenanceException e) {
			throw new InvalidRequestException(X_PROVENANCE + " header rejected: " + e.getMessage());
		}
		requireDeviceExists(clientProvenance.device());
		request.getUserData().put(CLIENT_PROVENANCE_KEY, clientProvenance);
	}

	/**
	 * The IG's transaction pattern: a client's own AI-Provenance in a transaction, targeting the {@code fullUrl} of an
	 * entry, is that entry's AI-Provenance. Before anything is stored it is validated against the AI-Provenance profile
	 * and its AI agents' Devices are checked (in the Bundle, or on the server): 422 otherwise. Then the Provenance and
	 * the entries it attributes are marked, so the entries are AI writes (labelled, on the worklist, counted) for which
	 * the module writes no Provenance of its own, and the client's is stored tagged client-supplied.
	 */
	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void storageTransactionProcessing(IBaseBundle bundle, RequestDetails request) {
		if (!(bundle instanceof Bundle transaction) || transaction.getType() != Bundle.BundleType.TRANSACTION) {
			return;
		}
		List<TransactionAiProvenance> found;
		try {
			found = TransactionAiProvenance.in(transaction);
		} catch (InvalidClientProvenanceException e) {
			throw new UnprocessableEntityException(e.getMessage());
		}
		for (TransactionAiProvenance clientRecord : found) {
			List<String> errors = profileCheck.errors(clientRecord.standalone());
			if (!errors.isEmpty()) {
				throw new UnprocessableEntityException("The client's AI-Provenance in this transaction does not conform to "
						+ AiTransparency.PROFILE_AI_PROVENANCE + ": " + String.join("; ", errors));
			}
			for (IdType device : clientRecord.serverDevices()) {
				if (!exists(device)) {
					throw new UnprocessableEntityException("The client's AI-Provenance in this transaction names "
							+ device.getValue() + " as its AI agent, which is neither an entry of the transaction nor a"
							+ " Device on this server");
				}
			}
			clientRecord.provenance().setUserData(CLIENT_RECORD_KEY, clientRecord);
			clientRecord.attributed().forEach(resource -> resource.setUserData(CLIENT_RECORD_KEY, clientRecord));
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void storagePrestorageResourceCreated(IBaseResource resource, RequestDetails request) {
		if (WriteMarks.isModuleWritten(resource)) {
			return;
		}
		guard.checkCreate(resource);
		if (resource instanceof Provenance provenance && isClientRecord(provenance)) {
			keepClientRecord(provenance);
			return;
		}
		planAiWrite((Resource) resource, request, DataOperation.CREATE);
	}

	private static boolean isClientRecord(Provenance provenance) {
		return provenance.getUserData(CLIENT_RECORD_KEY) instanceof TransactionAiProvenance record
				&& record.provenance() == provenance;
	}

	/**
	 * Tags the client's recognised AI-Provenance client-supplied (immutable from now on), and points each target at the
	 * exact version of the entry it attributes when that entry is already stored, as the module's own AI-Provenance
	 * do (so {@code $ai-review} finds it for that version).
	 */
	private static void keepClientRecord(Provenance provenance) {
		ModuleRecords.tagClientSupplied(provenance);
		TransactionAiProvenance record = (TransactionAiProvenance) provenance.getUserData(CLIENT_RECORD_KEY);
		for (Reference target : provenance.getTarget()) {
			Resource attributed = record.attributedBy(target.getReference());
			IdType stored = attributed == null ? null : attributed.getIdElement();
			if (stored == null || !stored.hasIdPart() || !stored.hasVersionIdPart() || stored.isUrn()) {
				continue; // not stored yet: HAPI resolves the reference later, without a version
			}
			target.setReference(new IdType(attributed.fhirType(), stored.getIdPart(), stored.getVersionIdPart()).getValue());
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void storagePrestorageResourceUpdated(
			IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		if (WriteMarks.isModuleWritten(newResource)) {
			return;
		}
		guard.checkUpdate(oldResource, newResource);
		if (newResource instanceof Provenance provenance && isClientRecord(provenance)) {
			keepClientRecord(provenance);
			return;
		}
		AiAuthor author = planAiWrite((Resource) newResource, request, DataOperation.UPDATE);
		if (author == null && !allowLabelRemoval && AiLabels.hasResourceLabel((Resource) oldResource)) {
			throw AiLabelMetaRule.labelRemovalRefused(oldResource.getIdElement());
		}
	}

	/**
	 * A client may delete an AI-labelled resource (entered-in-error data must be removable); the delete is recorded
	 * ({@link AiDeleteRecorder}) in its transaction. Module records may not be deleted by clients.
	 */
	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void storagePrestorageResourceDeleted(
			IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		guard.checkDelete(resource);
		deletes.beforeDelete((Resource) resource, request, transaction);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void storagePrecommitResourceCreated(
			IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		recordProvenance(resource, DataOperation.CREATE, request, transaction);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void storagePrecommitResourceUpdated(
			IBaseResource oldResource, IBaseResource newResource, RequestDetails request, TransactionDetails transaction) {
		if (Objects.equals(oldResource.getIdElement().getVersionIdPart(), newResource.getIdElement().getVersionIdPart())) {
			return; // an update that changed nothing stored no new version
		}
		recordProvenance(newResource, DataOperation.UPDATE, request, transaction);
	}

	private void checkMetaOperation(RequestDetails request, MetaOperationBody body) {
		guard.checkMetaChange(body);
		IIdType target = request.getId();
		if (target == null || !target.hasIdPart()) {
			return; // a type- or server-level $meta reads only
		}
		IIdType id = target.hasResourceType() ? target : target.withResourceType(request.getResourceName());
		labelMetaRule.checkAdd(id, body);
		labelMetaRule.checkDelete(id, body, () -> {
			Resource stored = readVersion(id);
			if (stored == null || !AiLabels.hasResourceLabel(stored)) {
				return false;
			}
			Resource withoutLabel = stored.copy();
			AiLabels.removeResourceLabel(withoutLabel);
			return authors.authorOf(withoutLabel, request, null) != null;
		});
	}

	/** The version a {@code $meta} operation names (the current one without a version), or null when there is none. */
	private Resource readVersion(IIdType id) {
		try {
			return (Resource) daoRegistry.getResourceDao(id.getResourceType()).read(id.toUnqualified(), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null; // HAPI's own operation answers it
		}
	}

	/** Decides whether this is an AI write; if so labels the resource and remembers who wrote it. */
	private AiAuthor planAiWrite(Resource resource, RequestDetails request, DataOperation operation) {
		AiAuthor author = authorOf(resource, request, operation);
		resource.setUserData(AUTHOR_KEY, author);
		if (author != null) {
			AiLabels.addResourceLabel(resource);
			WriteMarks.markAiModel(resource, modelKey(author));
		}
		return author;
	}

	private AiAuthor authorOf(Resource resource, RequestDetails request, DataOperation operation) {
		if (resource.getUserData(CLIENT_RECORD_KEY) instanceof TransactionAiProvenance clientRecord
				&& !(resource instanceof Provenance provenance && clientRecord.provenance() == provenance)) {
			return AiAuthor.recordedByClient(clientRecord);
		}
		ClientProvenance header = request == null ? null : (ClientProvenance) request.getUserData().get(CLIENT_PROVENANCE_KEY);
		if (header != null) {
			try {
				header.checkTargets(writtenId(resource));
				header.checkActivity(operation);
			} catch (InvalidClientProvenanceException e) {
				throw new InvalidRequestException(X_PROVENANCE + " header rejected: " + e.getMessage());
			}
		}
		return authors.authorOf(resource, request, header);
	}

	/** The id the written resource will have, as far as it is known before storage (none for a create). */
	private static IIdType writtenId(Resource resource) {
		IdType id = resource.getIdElement();
		boolean known = id.hasIdPart() && !id.isUrn();
		return new IdType(resource.fhirType(), known ? id.getIdPart() : null);
	}

	private void recordProvenance(
			IBaseResource resource, DataOperation operation, RequestDetails request, TransactionDetails transaction) {
		if (WriteMarks.isModuleWritten(resource) || !(resource.getUserData(AUTHOR_KEY) instanceof AiAuthor author)) {
			return;
		}
		if (author.clientRecord() != null) {
			// the client's own AI-Provenance in this transaction is the record; by now its references are resolved
			WriteMarks.markAiModel(resource, modelKey(author));
			WriteMarks.markProvenanceRecorded(resource);
			return;
		}
		IIdType target = resource.getIdElement().toUnqualified();
		AiProvenanceBuilder builder = AiProvenanceBuilder.forTarget(target)
				.activity(operation)
				.recorded(clock.instant())
				.submitter(authors.submitterOf(request));
		ClientProvenance header = author.clientProvenance();
		if (header != null) {
			builder.aiAgent(header.device()).keep(header.asSent());
		} else {
			RegisteredDevice device = devices.deviceFor(author.model());
			builder.aiAgent(new Reference(device.device().getValue()));
			if (device.modelCard() != null) {
				builder.modelCard(new Reference(device.modelCard().getValue()));
			}
		}
		Provenance provenance = builder.targetPaths(AiLabels.inlineLabelledPaths((Resource) resource)).build();
		ModuleRecords.tag(provenance);
		WriteMarks.markModuleWritten(provenance);
		records.create(provenance, request, transaction);
		WriteMarks.markProvenanceRecorded(resource);
	}

	/**
	 * How the metrics name the model of a write: {@code name|version}, unknown for the unidentified AI system, or the
	 * Device a client's {@code X-Provenance} names.
	 */
	private static String modelKey(AiAuthor author) {
		if (author.clientRecord() != null) {
			return author.clientRecord().aiDevice()
					.map(device -> new IdType(device.getReference()).toUnqualifiedVersionless().getValue())
					.orElse(WriteMarks.UNKNOWN_MODEL);
		}
		if (author.clientProvenance() != null) {
			return new IdType(author.clientProvenance().device().getReference()).toUnqualifiedVersionless().getValue();
		}
		return author.model().isUnidentified() ? WriteMarks.UNKNOWN_MODEL : author.model().identifierValue();
	}

	private boolean exists(IdType device) {
		try {
			daoRegistry.getResourceDao("Device").read(device, new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}

	private void requireDeviceExists(Reference device) {
		try {
			daoRegistry.getResourceDao("Device").read(new IdType(device.getReference()).toUnqualifiedVersionless(),
					new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw new InvalidRequestException(X_PROVENANCE + " header rejected: its AI agent " + device.getReference()
					+ " does not exist on this server");
		}
	}
}
