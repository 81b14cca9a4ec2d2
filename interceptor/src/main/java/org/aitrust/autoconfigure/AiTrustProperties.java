package org.aitrust.autoconfigure;

import java.util.List;
import org.aitrust.interceptor.validation.IssueSeverity;
import org.aitrust.interceptor.validation.TagCoding;
import org.aitrust.interceptor.validation.ValidationMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything an administrator sets for the FHIR AI Trust module, under {@code aitrust.*}. Each capability is
 * off unless its {@code enabled} property says otherwise, so adding the jar to a server changes nothing until
 * it is asked to. Values are checked at start-up by {@link AiTrustPropertiesValidator}; a wrong one stops the
 * server with a message that names the property.
 *
 * @param enabled master switch: false registers nothing at all
 * @param identity who a request comes from: the agent header and the proxies trusted to send it (aitrust.identity.*)
 * @param provenance AI provenance settings (aitrust.provenance.*)
 * @param quality data-quality metrics settings (aitrust.quality.*)
 * @param validation profile validation settings (aitrust.validation.*)
 * @param dashboard quality dashboard settings (aitrust.dashboard.*)
 * @param oversight AI oversight settings (aitrust.oversight.*)
 * @param databaseUnavailable the answer to requests that fail for a lost database connection
 *     (aitrust.database-unavailable.*)
 * @param security authorization of every FHIR request by the caller's SMART scopes (aitrust.security.*)
 * @param audit AuditEvents of what clients do, through HAPI's IHE BALP interceptor (aitrust.audit.*)
 */
@ConfigurationProperties(AiTrustProperties.PREFIX)
public record AiTrustProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue Identity identity,
		@DefaultValue Provenance provenance,
		@DefaultValue Quality quality,
		@DefaultValue Validation validation,
		@DefaultValue Dashboard dashboard,
		@DefaultValue Oversight oversight,
		@DefaultValue DatabaseUnavailable databaseUnavailable,
		@DefaultValue Security security,
		@DefaultValue Audit audit) {

	public static final String PREFIX = "aitrust";

	/**
	 * Off for the library like every capability; the starter turns it on. The events go to this server unless a host
	 * declares its own IBalpAuditEventSink bean.
	 *
	 * @param enabled record an IHE BALP AuditEvent for every create, update, delete, read and search, every
	 *     $ai-review, package install and report read, and refuse clients' writes of AuditEvents (403)
	 */
	public record Audit(@DefaultValue("false") boolean enabled) {}

	/**
	 * Off for the library, so that installing the module into a server keeps that server's own security; the endpoints
	 * are published to SMART clients, the tokens themselves are checked by the host's Spring Security.
	 *
	 * @param enabled authorize every FHIR request by the caller's SMART scopes through HAPI's AuthorizationInterceptor
	 *     (403 for what they do not allow, 401 without credentials) and serve /.well-known/smart-configuration
	 * @param issuer the issuer of the access tokens (OAuth 2.0 / OpenID Connect), as published to clients
	 * @param authorizationEndpoint the authorization server's authorize endpoint, for the authorization code grant; a
	 *     path (/oauth2/authorize) means on this server, published on the address each client used
	 * @param tokenEndpoint the authorization server's token endpoint; a path means on this server
	 * @param jwksUri where the issuer publishes the keys its tokens are signed with; a path means on this server
	 * @param grantTypes the OAuth 2.0 grant types the authorization server offers, as published to clients
	 * @param capabilities the SMART capabilities published in /.well-known/smart-configuration
	 * @param adminScope the OAuth scope that grants the module's administration: installing packages, the status,
	 *     recording a review on a clinician's behalf
	 * @param reviewScope the OAuth scope that grants recording one's own reviews of AI writes (as the token's
	 *     fhirUser) and reading the review worklist
	 * @param reportsScope the OAuth scope that grants reading the data-quality and oversight reports and the status
	 */
	public record Security(
			@DefaultValue("false") boolean enabled,
			String issuer,
			String authorizationEndpoint,
			String tokenEndpoint,
			String jwksUri,
			@DefaultValue({"client_credentials", "authorization_code"}) List<String> grantTypes,
			@DefaultValue({"permission-v1", "permission-v2", "permission-patient", "permission-user"})
			List<String> capabilities,
			@DefaultValue("aitrust/admin") String adminScope,
			@DefaultValue("aitrust/review") String reviewScope,
			@DefaultValue("aitrust/reports") String reportsScope) {}

	/**
	 * Who is calling comes from the request's credentials; the agent header is a gateway's claim, believed only from
	 * the gateways listed here.
	 *
	 * @param agentHeader request header a trusted proxy sets to name the client it speaks for, refused with 403 from
	 *     any other peer
	 * @param trustedProxies IP addresses or CIDR blocks (IPv4 or IPv6) of the TCP peers whose agent header is
	 *     believed; empty, the default, believes none
	 * @param gatewayClients client ids of gateways that authenticate as themselves and, from a trusted proxy, name in
	 *     the agent header the client they forward for; the gateway's token still decides what the request may do
	 */
	public record Identity(
			@DefaultValue("X-AI-Agent") String agentHeader,
			@DefaultValue List<String> trustedProxies,
			@DefaultValue List<String> gatewayClients) {}

	/**
	 * On unlike the capabilities: it changes no successful answer, only the status of a failure the database
	 * connection caused, from 500 to 503.
	 *
	 * @param enabled answer requests that failed because the database connection was lost or could not be
	 *     obtained with 503 Service Unavailable and Retry-After, instead of 500
	 * @param retryAfter how long such clients are asked to wait before retrying (sent in whole seconds, rounded up)
	 */
	public record DatabaseUnavailable(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("5s") java.time.Duration retryAfter) {}

	/**
	 * @param enabled answer $ai-oversight (needs aitrust.quality.enabled, whose counts it reads)
	 * @param recentDays length of the recent window a report covers by default, ending today
	 * @param baselineDays length of the baseline just before the recent window, unless pinned
	 * @param significance the two-sided p-value below which a change may count as drift
	 * @param minimumEffect the smallest change of a rate, in rate points (0.05 = 5 percentage points), that counts
	 * @param smallCellThreshold the smallest stratified count shown; smaller ones are masked
	 * @param pinnedBaselines baselines fixed per model version, such as the period it was approved on
	 * @param maxReportDays the longest period one $ai-oversight request may ask for, in days; longer ones are refused
	 */
	public record Oversight(
			@DefaultValue("false") boolean enabled,
			@DefaultValue("7") int recentDays,
			@DefaultValue("28") int baselineDays,
			@DefaultValue("0.01") double significance,
			@DefaultValue("0.05") double minimumEffect,
			@DefaultValue("11") int smallCellThreshold,
			@DefaultValue List<PinnedBaseline> pinnedBaselines,
			@DefaultValue("400") int maxReportDays) {}

	/**
	 * @param model the model version as reports name it, name|version
	 * @param start first day of its baseline
	 * @param end last day of its baseline
	 */
	public record PinnedBaseline(String model, java.time.LocalDate start, java.time.LocalDate end) {}

	/**
	 * @param enabled serve the quality dashboard page (needs a Spring MVC web application)
	 * @param path where the page is served: a leading slash, no trailing one
	 * @param fhirBase the FHIR endpoint the page reads $data-quality from, as the browser reaches it
	 * @param clientId SMART client id the page signs the user in with (authorization code with PKCE, a public client
	 *     whose redirect URI is the page's address); empty, the page sends no token
	 * @param scope the scopes the page asks for when it signs the user in
	 */
	public record Dashboard(
			@DefaultValue("false") boolean enabled,
			@DefaultValue("/quality") String path,
			@DefaultValue("/fhir") String fhirBase,
			String clientId,
			@DefaultValue("aitrust/reports") String scope) {}

	/**
	 * @param enabled label AI writes and record their AI-Provenance
	 * @param agents clients registered as AI agents, each with the facts of the model it runs
	 * @param allowProvenanceChanges let clients update or delete Provenance written by the module
	 * @param allowLabelRemoval let a client that is not an AI agent store a version of an AI-labelled resource
	 *     without the AIAST label (refused with 422 by default)
	 * @param deviceCacheSize how many AI model versions' Device ids are kept in memory
	 * @param modelCardMaxSize the largest model card file an agent may attach (model-card-data), read at start-up
	 *     and stored in its AI-ModelCard
	 */
	public record Provenance(
			@DefaultValue("false") boolean enabled,
			@DefaultValue List<Agent> agents,
			@DefaultValue("false") boolean allowProvenanceChanges,
			@DefaultValue("false") boolean allowLabelRemoval,
			@DefaultValue("1000") long deviceCacheSize,
			@DefaultValue("1MB") DataSize modelCardMaxSize) {}

	/**
	 * A client registered as an AI agent.
	 *
	 * @param id the client id the caller is resolved to: its token's client id or its principal name, or the value
	 *     a trusted proxy puts in the agent header
	 * @param modelName the AI model's name (Device.deviceName)
	 * @param modelVersion the model version (Device.version); each version is its own Device
	 * @param manufacturer the model's manufacturer (Device.manufacturer)
	 * @param modelCardUrl where the model card is published, if anywhere
	 * @param aiKinds the kinds of AI the model is, as codes of the IG's AIdeviceTypeVS (AIKind extension), such as
	 *     Large-Language-Models
	 * @param modelCardData a model card to store in the AI-ModelCard itself: a classpath: resource or a file path
	 *     ending in .md or .markdown (Markdown), .json (CHAI-style JSON) or .xml (CHAI XML)
	 * @param description what the model does, shown in its Device (note) and its model card (description)
	 */
	public record Agent(
			String id, String modelName, String modelVersion, String manufacturer, String modelCardUrl,
			List<String> aiKinds, String modelCardData, String description) {}

	/**
	 * @param enabled measure every resource that arrives in a write and answer $data-quality
	 * @param clockSkew how far in the future a clinical date may lie before it counts as a future date
	 * @param sources sources that always keep their own metrics label: client ids as the identity layer resolves
	 *     them, or the system part of meta.source for writes without a known client
	 * @param maxSources distinct sources kept as their own metrics label, registered agents and configured sources
	 *     included; other clients the identity layer resolved take the rest by their first write, anything else is
	 *     counted as other
	 * @param maxProfiles distinct claimed profiles kept as their own label; only profiles the server knows take one,
	 *     by their first write, anything else is counted as other
	 * @param maxModels distinct AI model versions kept as their own label; only models the module resolved take one,
	 *     by their first write, anything else is counted as other
	 * @param maxReportDays the longest period one $data-quality report may cover, in days
	 * @param maxBreakdownItems distinct items kept per breakdown (validation issue keys, constraint keys, reference
	 *     target types, review outcomes, and the element paths, units, LOINC codes and code systems the checks
	 *     report); later ones are counted as other
	 * @param defaultThreshold percent of violating resources a convention check tolerates before it fails (fatal
	 *     checks tolerate 0, characterization checks are not judged unless given their own threshold)
	 * @param thresholds per-check thresholds in percent, by check id; a must-support measure's id needs brackets
	 * @param thresholdsByType per-check thresholds in percent by resource type, then check id, applied to reports of
	 *     that resource type and to that type's rows of the DQD export
	 * @param knownCodeSystems code systems (absolute URIs) that codings may name without counting as an unknown code
	 *     system, beside those the server holds and the external code systems HL7 names
	 * @param uniqueIdentifierSystems identifier systems (absolute URIs) whose values identify one resource each, so that
	 *     a value carried twice counts as a duplicate identifier
	 * @param trend each check's violation rate per source, recent window against baseline (aitrust.quality.trend.*)
	 * @param rawRetention how long raw quality rows (one per arrival, outcome, breakdown item and review) are kept, in
	 *     whole days; older ones are deleted once their day is rolled up, and reports of those days answer from the
	 *     daily rollups
	 * @param rollupRetention how long the daily rollups are kept, in whole days; unset keeps them all, otherwise at
	 *     least raw-retention
	 * @param rollup the job that rolls closed days up and applies retention (aitrust.quality.rollup.*)
	 * @param encounterMargin how far before its encounter's start or after its end an event may be dated and still
	 *     count as within the encounter
	 * @param earliestPlausibleDate the earliest date a birth or a clinical event may carry before it counts as
	 *     implausible
	 */
	public record Quality(
			@DefaultValue("false") boolean enabled,
			@DefaultValue("5m") java.time.Duration clockSkew,
			@DefaultValue List<String> sources,
			@DefaultValue("100") int maxSources,
			@DefaultValue("200") int maxProfiles,
			@DefaultValue("50") int maxModels,
			@DefaultValue("500") int maxBreakdownItems,
			@DefaultValue("400") int maxReportDays,
			@DefaultValue("5") double defaultThreshold,
			@DefaultValue java.util.Map<String, Double> thresholds,
			@DefaultValue java.util.Map<String, java.util.Map<String, Double>> thresholdsByType,
			@DefaultValue List<String> knownCodeSystems,
			@DefaultValue({"http://hl7.org/fhir/sid/us-npi", "http://hl7.org/fhir/sid/us-ssn"})
			List<String> uniqueIdentifierSystems,
			@DefaultValue QualityTrend trend,
			@DefaultValue("90d") java.time.Duration rawRetention,
			java.time.Duration rollupRetention,
			@DefaultValue Rollup rollup,
			@DefaultValue("P1D") java.time.Duration encounterMargin,
			@DefaultValue("1850-01-01") java.time.LocalDate earliestPlausibleDate) {}

	/**
	 * Trends judge a change with AI oversight's test and minimum effect (aitrust.oversight.significance and
	 * aitrust.oversight.minimum-effect), whether or not oversight itself is enabled.
	 *
	 * @param recentDays length of the recent window of a check's trend, in days, ending today (or on a report's end)
	 * @param baselineDays length of the baseline a trend's recent window is compared with, in days, just before it
	 * @param refreshInterval how often each node reads the trends from the database for the aitrust_quality_check_trend
	 *     gauge
	 */
	public record QualityTrend(
			@DefaultValue("7") int recentDays,
			@DefaultValue("28") int baselineDays,
			@DefaultValue("1m") java.time.Duration refreshInterval) {}

	/**
	 * The daily rollup job; POST [base]/$aitrust-rollup runs it at once.
	 *
	 * @param enabled run the job on a schedule on every node (one node works at a time)
	 * @param interval how long after one run of the job the next starts; the first runs a minute after start-up
	 */
	public record Rollup(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("1h") java.time.Duration interval) {}

	/**
	 * @param enabled validate every resource that arrives in a write against the profiles it claims and the
	 *     profiles its rule requires
	 * @param mode what happens to a resource with issues when no rule names its type or source; SHADOW (store,
	 *     only metrics see the issues) so that adding the module to a running server changes no answer
	 * @param packages FHIR NPM packages (.tgz) to load at start-up: classpath: locations or file
	 *     paths; a directory loads every .tgz in it
	 * @param rules per resource type and per source overrides of the mode and the required profiles; the most
	 *     specific matching rule wins (type and source, then source, then type)
	 * @param rejectSeverity the least severe issue that makes ENFORCE reject a resource
	 * @param unknownProfile severity of a claimed meta.profile the server does not know
	 * @param uncheckableTerminology severity of a code whose code system or value set the server does not have,
	 *     and so cannot check (offline terminology); such issues are counted as "not checkable"
	 * @param warnTag system|code of the meta.tag put on resources stored with issues in WARN
	 *     mode, so they can be searched; empty for no tag
	 * @param prewarm validate a minimal resource against every required profile at start-up, so the first
	 *     client request does not pay for loading the validator
	 * @param packageLimits how large an IG package may be and how many installed ones are kept
	 *     (aitrust.validation.package-limits.*)
	 */
	public record Validation(
			@DefaultValue("false") boolean enabled,
			@DefaultValue("SHADOW") ValidationMode mode,
			@DefaultValue List<String> packages,
			@DefaultValue List<ValidationRuleProperties> rules,
			@DefaultValue("ERROR") IssueSeverity rejectSeverity,
			@DefaultValue("WARNING") IssueSeverity unknownProfile,
			@DefaultValue("WARNING") IssueSeverity uncheckableTerminology,
			TagCoding warnTag,
			@DefaultValue("true") boolean prewarm,
			@DefaultValue PackageLimits packageLimits) {}

	/**
	 * Limits on every IG package, configured, installed or stored, checked while it is read, before it is parsed.
	 *
	 * @param maxCompressedSize the largest package file (.tgz) accepted
	 * @param maxUncompressedSize the most a package may expand to when decompressed; a package is held in memory
	 *     at this size on every node
	 * @param maxEntries the most files and directories a package may hold
	 * @param maxStoredPackages the most packages installed at run time that are kept in the database
	 */
	public record PackageLimits(
			@DefaultValue("50MB") DataSize maxCompressedSize,
			@DefaultValue("200MB") DataSize maxUncompressedSize,
			@DefaultValue("20000") int maxEntries,
			@DefaultValue("50") int maxStoredPackages) {}

	/**
	 * One validation rule: applies to writes of the listed resource types from the listed sources (an empty
	 * list matches every type, or every source).
	 *
	 * @param resourceTypes resource types this rule covers
	 * @param sources client ids (as resolved for provenance) this rule covers
	 * @param mode what happens to a covered resource with issues
	 * @param requiredProfiles a covered resource must claim, and satisfy, at least one of these profiles
	 */
	public record ValidationRuleProperties(
			@DefaultValue List<String> resourceTypes,
			@DefaultValue List<String> sources,
			ValidationMode mode,
			@DefaultValue List<String> requiredProfiles) {}
}
