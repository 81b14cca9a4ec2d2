package org.aitrust.server;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the starter server itself ({@code aitrust.server.*}); the module's own settings live in
 * {@code AiTrustProperties}.
 *
 * @param dataDir folder of the embedded H2 database; it survives restarts
 * @param maxRequestSize largest request body accepted; larger requests get 413 with an OperationOutcome
 * @param defaultPageSize search page size when the client does not ask for one
 * @param maxPageSize largest page size a client may ask for
 * @param maxBundleEntries most entries a transaction or batch Bundle may have; larger ones get 413 with an
 *     OperationOutcome before any entry is processed. Bounds how long one request holds a thread and (for a
 *     transaction) one database transaction, whatever the body size limit lets through.
 * @param demo the demo data set ({@code aitrust.server.demo.*}), loaded by the {@code demo} profile
 */
@ConfigurationProperties("aitrust.server")
public record StarterServerProperties(
		@DefaultValue("./data") Path dataDir,
		@DefaultValue("20MB") DataSize maxRequestSize,
		@DefaultValue("20") int defaultPageSize,
		@DefaultValue("200") int maxPageSize,
		@DefaultValue("5000") int maxBundleEntries,
		@DefaultValue Demo demo) {

	/**
	 * @param load load the demo data set once the server is up (skipped when it is already there)
	 * @param syntheaDir folder of Synthea patient Bundles to load as well, when it exists (relative to the working
	 *     directory; a String, as Spring would resolve a relative Path against its resource rules)
	 * @param syntheaPatients how many of its Bundles to load
	 */
	public record Demo(
			@DefaultValue("false") boolean load,
			@DefaultValue("../shared/corpora/synthea/standard-synthea") String syntheaDir,
			@DefaultValue("5") int syntheaPatients) {}

	public StarterServerProperties {
		if (maxRequestSize.toBytes() <= 0) {
			throw new IllegalArgumentException("aitrust.server.max-request-size must be positive, was " + maxRequestSize);
		}
		if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
			throw new IllegalArgumentException("aitrust.server.default-page-size must be at least 1 and at most"
					+ " aitrust.server.max-page-size (" + defaultPageSize + " / " + maxPageSize + ")");
		}
		if (demo.syntheaPatients() < 0) {
			throw new IllegalArgumentException("aitrust.server.demo.synthea-patients must not be negative, was "
					+ demo.syntheaPatients());
		}
		if (maxBundleEntries < 1) {
			throw new IllegalArgumentException("aitrust.server.max-bundle-entries must be at least 1, was " + maxBundleEntries);
		}
	}
}
