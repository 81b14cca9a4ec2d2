/**
 * Every place the module changes how HAPI FHIR 8.8.0 itself behaves, one class per adaptation, each saying which HAPI
 * behaviour it changes and why. Nothing outside this package replaces a HAPI bean, adds to HAPI's validation chain
 * at start-up or changes HAPI's parser options. docs/operations.md lists them for administrators.
 *
 * <ul>
 *   <li>{@link org.aitrust.interceptor.hapi.ValidationChainInstaller} with {@link
 *       org.aitrust.interceptor.hapi.AiLabelCodeSystemSupport} and {@link
 *       org.aitrust.interceptor.hapi.SystemlessCodeSupport}: the AIAST and PROCESSINLINELABEL codes R4's bundled code
 *       systems lack, and plain codes in multi-system value sets, at the head of the validation chain.
 *   <li>{@link org.aitrust.interceptor.hapi.InstanceValidatorReuseInstaller} with {@link
 *       org.aitrust.interceptor.hapi.ReusingInstanceValidator}: core validators reused (and replaced after 100
 *       resources) instead of built per resource.
 *   <li>{@link org.aitrust.interceptor.hapi.UcumWorkerContextAdapterInstaller} with {@link
 *       org.aitrust.interceptor.hapi.UcumWorkerContextAdapter}: a UCUM service for the validator's worker context.
 *   <li>{@link org.aitrust.interceptor.hapi.ValidateOperationEnvelopeUnwrapper}: {@code $validate} with a Parameters
 *       body validates the resource it carries.
 *   <li>{@link org.aitrust.interceptor.hapi.VersionedProvenanceReferences}: Provenance references keep their
 *       versions when stored.
 * </ul>
 */
package org.aitrust.interceptor.hapi;
