package org.aitrust.interceptor.provenance;

import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.WriteMarks;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.aitrust.provenance.AiDeviceFactory;
import org.aitrust.provenance.AiModel;
import org.aitrust.provenance.ModuleRecords;
import org.hl7.fhir.instance.model.api.IIdType;
import java.util.List;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One stored AI-Device per AI model version, created on first use and then found from a Caffeine cache.
 *
 * <p>The Device's id is derived from the model's name and version, so every thread and every server node
 * on the same database computes the same id: concurrent first uses write the same row, the database's
 * uniqueness of resource ids lets exactly one insert win, and the losers simply read it. Creation runs in
 * its own transaction, so a rolled-back clinical write never takes a Device with it that other writes
 * already point at. Devices and model cards carry the module-written tag and sit at ids the module reserves
 * ({@link ModuleRecords}); clients may not create, change or delete them.
 */
public class AiDeviceRegistry {

	private static final int ATTEMPTS = 3;

	private final ModuleRecordWriter records;
	private final TransactionTemplate ownTransaction;
	private final AiDeviceFactory factory = new AiDeviceFactory();
	private final Cache<AiModel, RegisteredDevice> cache;

	public AiDeviceRegistry(ModuleRecordWriter records, PlatformTransactionManager transactionManager, long cacheSize) {
		this.records = records;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
	}

	/** The Device (and Model-Card) of this model version, created if this is its first use. */
	public RegisteredDevice deviceFor(AiModel model) {
		return cache.get(model, this::findOrCreate);
	}

	/** The id of the Device the module maintains for a model version, whether or not it is stored yet. */
	public static IdType deviceIdOf(AiModel model) {
		return new IdType("Device", idFor(ModuleRecords.DEVICE_ID_PREFIX, model));
	}

	/** Deterministic resource id for a model version: a prefix plus a hash of its identifier value. */
	static String idFor(String prefix, AiModel model) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
					.digest(model.identifierValue().getBytes(StandardCharsets.UTF_8));
			return prefix + HexFormat.of().formatHex(digest, 0, 16);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
		}
	}

	private RegisteredDevice findOrCreate(AiModel model) {
		IdType modelCardId = model.hasModelCard()
				? new IdType("DocumentReference", idFor(ModuleRecords.MODEL_CARD_ID_PREFIX, model)) : null;
		IdType deviceId = deviceIdOf(model);
		if (modelCardId != null) {
			DocumentReference card = factory.newModelCard(model);
			card.setId(modelCardId);
			ensureStored(card);
		}
		Device device = modelCardId == null
				? factory.newDevice(model)
				: factory.newDevice(model, new Reference(modelCardId.toUnqualifiedVersionless().getValue()));
		device.setId(deviceId);
		ensureStored(device);
		return new RegisteredDevice(deviceId.toUnqualifiedVersionless(), modelCardId == null ? null : modelCardId.toUnqualifiedVersionless());
	}

	/**
	 * Stores the record unless the module's own, tagged version with the same content is already there. An untagged
	 * one is the module's from before records were tagged, or a client's that took the id before the module first
	 * used it (refused since): either way the module's content, tagged, replaces it. A tagged one whose content
	 * differs was written from an earlier declaration of the same model version (its kinds, card or description
	 * changed across a restart): the current declaration becomes its next version, so the Device keeps its id, every
	 * AI-Provenance still points at it, and its history shows what was declared when.
	 */
	private void ensureStored(Resource resource) {
		ModuleRecords.tag(resource);
		WriteMarks.markModuleWritten(resource);
		IIdType id = resource.getIdElement().toUnqualifiedVersionless();
		for (int attempt = 1; ; attempt++) {
			try {
				ownTransaction.executeWithoutResult(status -> {
					boolean current = records.find(id)
							.filter(ModuleRecords::isTagged)
							.map(stored -> sameContent(stored, resource))
							.orElse(false);
					if (!current) {
						records.storeAtItsId(resource);
					}
				});
				return;
			} catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
				// Another thread or node stored it first; the next attempt finds it.
				if (attempt >= ATTEMPTS) {
					throw e;
				}
			}
		}
	}

	/** Whether two versions of a record say the same, whatever their ids, versions and server-set meta. */
	static boolean sameContent(Resource stored, Resource declared) {
		Resource left = stored.copy();
		Resource right = declared.copy();
		for (Resource side : List.of(left, right)) {
			side.setId((String) null);
			side.setMeta(null);
			if (side instanceof DomainResource domain) {
				domain.setText(null);
			}
		}
		return left.equalsDeep(right);
	}
}
