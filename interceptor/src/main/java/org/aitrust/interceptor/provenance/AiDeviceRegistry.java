package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.aitrust.provenance.AiDeviceFactory;
import org.aitrust.provenance.AiModel;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Device;
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
 * already point at.
 */
public class AiDeviceRegistry {

	private static final int ATTEMPTS = 3;

	private final DaoRegistry daoRegistry;
	private final TransactionTemplate ownTransaction;
	private final AiDeviceFactory factory = new AiDeviceFactory();
	private final Cache<AiModel, RegisteredDevice> cache;

	public AiDeviceRegistry(DaoRegistry daoRegistry, PlatformTransactionManager transactionManager, long cacheSize) {
		this.daoRegistry = daoRegistry;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
	}

	/** The Device (and Model-Card) of this model version, created if this is its first use. */
	public RegisteredDevice deviceFor(AiModel model) {
		return cache.get(model, this::findOrCreate);
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
		IdType modelCardId = model.hasModelCard() ? new IdType("DocumentReference", idFor("ai-model-card-", model)) : null;
		IdType deviceId = new IdType("Device", idFor("ai-model-", model));
		if (modelCardId != null) {
			DocumentReference card = factory.newModelCard(model);
			card.setId(modelCardId);
			ensureStored(DocumentReference.class, card);
		}
		Device device = modelCardId == null
				? factory.newDevice(model)
				: factory.newDevice(model, new Reference(modelCardId.toUnqualifiedVersionless().getValue()));
		device.setId(deviceId);
		ensureStored(Device.class, device);
		return new RegisteredDevice(deviceId.toUnqualifiedVersionless(), modelCardId == null ? null : modelCardId.toUnqualifiedVersionless());
	}

	private <T extends org.hl7.fhir.r4.model.Resource> void ensureStored(Class<T> type, T resource) {
		IFhirResourceDao<T> dao = daoRegistry.getResourceDao(type);
		IIdType id = resource.getIdElement().toUnqualifiedVersionless();
		for (int attempt = 1; ; attempt++) {
			try {
				ownTransaction.executeWithoutResult(status -> {
					if (!exists(dao, id)) {
						dao.update(resource, new SystemRequestDetails());
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

	private static <T extends org.hl7.fhir.r4.model.Resource> boolean exists(IFhirResourceDao<T> dao, IIdType id) {
		try {
			dao.read(id, new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}
}
