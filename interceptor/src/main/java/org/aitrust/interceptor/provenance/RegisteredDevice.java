package org.aitrust.interceptor.provenance;

import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The stored Device for one AI model version, and its Model-Card DocumentReference when the model has one.
 *
 * @param device versionless id of the AI-Device
 * @param modelCard versionless id of the AI-ModelCard, or {@code null}
 */
public record RegisteredDevice(IIdType device, IIdType modelCard) {}
