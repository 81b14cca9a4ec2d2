package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aitrust.interceptor.quality.check.BuiltInCheck;
import org.aitrust.interceptor.store.DatabaseEngine;
import org.aitrust.interceptor.store.Release010Schema;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.testsupport.TestDatabase;
import org.aitrust.testsupport.TestDatabaseAvailableCondition;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The current server started on a database that release 0.1.0 wrote (its tables made by its own start-up DDL, no
 * migration history, rows its writes left: see {@code upgrade/release-0.1.0/README.md}) migrates it and answers
 * about that day exactly as the release did: the same {@code $data-quality} figures (but {@code ai-unreviewed}'s count, which now
 * reads the review worklist of FHIR resources the fixture does not hold) and {@code $ai-oversight} figures (the
 * latter's strata now per calendar week and by patients, all masked as the release's were), and
 * the package it had installed still active. On H2 and PostgreSQL.
 */
@ExtendWith(TestDatabaseAvailableCondition.class)
class UpgradeFromRelease010IT {

	private static final String FIXTURE = "/upgrade/release-0.1.0/";
	private static final String DAY = "2026-12-07";
	private static final List<String> TABLES = List.of("aitrust_quality_arrival", "aitrust_quality_review",
			"aitrust_quality_outcome", "aitrust_quality_breakdown", "aitrust_ig_package");
	private static final Set<String> DAYS = Set.of("event_day", "review_day");
	private static final Set<String> FLAGS = Set.of("accepted", "ai_labelled", "with_provenance", "hit");
	private static final Set<String> NUMBERS = Set.of("lag_seconds", "applied", "failed", "occurrences");
	private static final ObjectMapper JSON = new ObjectMapper();
	/**
	 * How a report judges and classifies its figures, which the check registry decides (issues 28 and 25), not the
	 * stored rows.
	 */
	private static final Set<String> JUDGEMENT = Set.of(
			"http://fhir-aitrust.org/StructureDefinition/dq-kahn-category",
			"http://fhir-aitrust.org/StructureDefinition/dq-check-class",
			"http://fhir-aitrust.org/StructureDefinition/dq-check-level",
			"http://fhir-aitrust.org/StructureDefinition/dq-threshold",
			"http://fhir-aitrust.org/StructureDefinition/dq-status");
	/** Each check's trend, added with issue 25 (docs/quality.md#trends-and-alerts): a comparison the release never made. */
	private static final String TREND = "http://fhir-aitrust.org/StructureDefinition/dq-trend";
	private static final String TREND_BY_SOURCE = "trend-by-source";
	/** The checks added since the release (bits above its last, 13): it never measured them, so they count nothing. */
	private static final Set<String> NEWER_CHECKS = Set.copyOf(Arrays.stream(BuiltInCheck.values())
			.filter(check -> check.bit() > 13).map(BuiltInCheck::id).toList());
	/** The oversight groups added with stated confidence (docs/oversight.md). */
	private static final Set<String> CONFIDENCE_GROUPS = Set.of("confidence", "calibration");

	@Test
	void theServerMigratesTheReleasesTablesAndAnswersAsTheReleaseDid() throws Exception {
		Map<String, Object> properties = new HashMap<>(TestDatabase.current().prepare(TestDatabase.nameFor("UpgradeFromRelease010IT")));
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource((String) properties.get("spring.datasource.url"),
				(String) properties.get("spring.datasource.username"), (String) properties.get("spring.datasource.password")));
		Release010Schema.create(jdbc, DatabaseEngine.of(jdbc.getDataSource()), Release010Schema.Build.LATEST);
		Map<String, Integer> written = new HashMap<>();
		for (String table : TABLES) {
			written.put(table, insertRows(jdbc, table));
		}
		properties.putAll(releaseSettings());

		try (ConfigurableApplicationContext server = StarterServers.start(properties)) {
			IGenericClient client = TestGateway.client(StarterServers.port(server));

			for (String table : TABLES) {
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table)
						.isEqualTo(written.get(table));
			}
			JsonNode quality = groups(get(client, "$data-quality?start=" + DAY + "&end=" + DAY));
			JsonNode releaseQuality = groups(fixture("data-quality.json"));
			for (String check : NEWER_CHECKS) {
				assertThat(count(quality, check, "denominator")).as(check).isZero();
			}
			assertThat(figures(withoutUnreviewedCount(quality))).isEqualTo(figures(withoutUnreviewedCount(releaseQuality)));
			// the release judged every check against one threshold; each check now has a class (docs/quality-checks.md)
			assertThat(status(releaseQuality, "conformance-no-profile-claimed")).isEqualTo("failed");
			assertThat(status(quality, "conformance-no-profile-claimed")).isEqualTo("characterization");
			assertThat(status(quality, "conformance-terminology-not-checkable")).isEqualTo("not-checkable-here");
			// ai-unreviewed now counts the review worklist: AI-labelled FHIR resources whose current version has no
			// review (docs/provenance.md). The release's rows are here but not its FHIR resources, so none is listed.
			assertThat(count(quality, "ai-unreviewed", "denominator")).isEqualTo(count(releaseQuality, "ai-unreviewed",
					"denominator"));
			assertThat(count(releaseQuality, "ai-unreviewed", "numerator")).isPositive();
			assertThat(count(quality, "ai-unreviewed", "numerator")).isZero();
			JsonNode oversight = get(client, "$ai-oversight?start=" + DAY + "&end=" + DAY);
			assertThat(oversight(oversight)).isEqualTo(oversight(fixture("ai-oversight.json")));
			assertThat(confidenceGroupCounts(oversight)).as("the release recorded no stated confidence").containsOnly(0);
			assertStrataAllMasked(oversight);
			Parameters packages = client.operation().onServer().named("$aitrust-packages")
					.withNoParameters(Parameters.class).useHttpGet().execute();
			assertThat(packages.getParameters("package")).extracting(p -> p.getPart().get(0).getValue().primitiveValue())
					.as("the package installed at run time is still active; the module's own is the renamed one")
					.containsExactly(AiTransparency.MODULE_PACKAGE_NAME, "aitrust.fixtures.hospital");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AITRUST_SCHEMA_HISTORY", Integer.class))
					.as("the baseline and every migration recorded").isGreaterThan(1);
		}
	}

	/** The settings the release ran with (release-application.yaml), without its database. */
	private static Map<String, Object> releaseSettings() {
		Map<String, Object> settings = new HashMap<>();
		settings.put("server.port", "0");
		settings.put("aitrust.provenance.enabled", "true");
		settings.put("aitrust.provenance.agents[0].id", "scribe");
		settings.put("aitrust.provenance.agents[0].model-name", "ClinicalScribe");
		settings.put("aitrust.provenance.agents[0].model-version", "3.1");
		settings.put("aitrust.provenance.agents[0].manufacturer", "Example AI Labs");
		settings.put("aitrust.provenance.agents[0].model-card-url", "https://models.example.org/clinicalscribe/3.1");
		settings.put("aitrust.quality.enabled", "true");
		settings.put("aitrust.oversight.enabled", "true");
		settings.put("aitrust.validation.enabled", "true");
		settings.put("aitrust.validation.prewarm", "false");
		return settings;
	}

	/** Inserts a table's exported rows as the release stored them; returns how many. */
	private static int insertRows(JdbcTemplate jdbc, String table) throws IOException {
		List<List<String>> rows = Csv.parse(resource(table + ".csv"));
		List<String> columns = rows.get(0);
		String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
				+ String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
		for (List<String> row : rows.subList(1, rows.size())) {
			Object[] values = new Object[columns.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = value(columns.get(i), row.get(i));
			}
			jdbc.update(insert, values);
		}
		return rows.size() - 1;
	}

	private static Object value(String column, String text) {
		if (text == null) {
			return null;
		}
		if (DAYS.contains(column)) {
			return Date.valueOf(text);
		}
		if (FLAGS.contains(column)) {
			return "t".equals(text);
		}
		if (NUMBERS.contains(column)) {
			return Long.valueOf(text);
		}
		if (column.equals("installed_at")) {
			return Timestamp.valueOf(text);
		}
		if (column.equals("content")) {
			return Base64.getMimeDecoder().decode(text);
		}
		return text;
	}

	/** The report's groups, which carry every figure; the report's date and period differ by when it was asked. */
	private static JsonNode groups(JsonNode report) {
		return report.get("group");
	}

	/**
	 * The figures of each group — populations, scores, stratifiers, lags — without how this build judges them (class,
	 * level, threshold, status) or words them (the code's display): those follow the check registry, not the rows; and
	 * without the trends, which compare with days before the release's.
	 */
	private static JsonNode figures(JsonNode groups) {
		// by id: the registry's order (by Kahn category) moved a check the release listed elsewhere
		ObjectNode kept = JSON.createObjectNode();
		groups.forEach(group -> {
			if (NEWER_CHECKS.contains(group.path("id").asText())) {
				return;
			}
			ObjectNode copy = group.deepCopy();
			ArrayNode extensions = JSON.createArrayNode();
			copy.path("extension").forEach(extension -> {
				if (!JUDGEMENT.contains(extension.path("url").asText()) && !TREND.equals(extension.path("url").asText())) {
					extensions.add(extension);
				}
			});
			copy.set("extension", extensions);
			ArrayNode stratifiers = JSON.createArrayNode();
			copy.path("stratifier").forEach(stratifier -> {
				if (!TREND_BY_SOURCE.equals(stratifier.path("code").path(0).path("coding").path(0).path("code").asText())) {
					stratifiers.add(stratifier);
				}
			});
			copy.set("stratifier", stratifiers);
			copy.path("code").path("coding").forEach(coding -> ((ObjectNode) coding).remove("display"));
			kept.set(copy.path("id").asText(), copy);
		});
		return kept;
	}

	private static String status(JsonNode groups, String id) {
		for (JsonNode group : groups) {
			if (id.equals(group.path("id").asText())) {
				for (JsonNode extension : group.path("extension")) {
					if (extension.path("url").asText().endsWith("/dq-status")) {
						return extension.path("valueCode").asText();
					}
				}
			}
		}
		return null;
	}

	/** The groups without ai-unreviewed's numerator and score, which this build reads from the review worklist. */
	private static JsonNode withoutUnreviewedCount(JsonNode groups) {
		ArrayNode kept = JSON.createArrayNode();
		groups.forEach(group -> {
			if (!"ai-unreviewed".equals(group.path("id").asText())) {
				kept.add(group);
			}
		});
		return kept;
	}

	private static int count(JsonNode groups, String id, String population) {
		for (JsonNode group : groups) {
			if (id.equals(group.path("id").asText())) {
				for (JsonNode entry : group.get("population")) {
					if (population.equals(entry.at("/code/coding/0/code").asText())) {
						return entry.get("count").asInt();
					}
				}
			}
		}
		throw new AssertionError("no " + population + " of " + id + " in " + groups);
	}

	/**
	 * Each model's report without its generation time, period and strata: the figures the release gave. This build
	 * widens the day asked for to its calendar week and stratifies per week by patients (see docs/oversight.md), so
	 * its period and strata are not the release's; every row is on the one day, so the figures are.
	 */
	private static JsonNode oversight(JsonNode bundle) {
		ArrayNode reports = JSON.createArrayNode();
		for (JsonNode entry : bundle.get("entry")) {
			ObjectNode report = entry.get("resource").deepCopy();
			report.remove("date");
			report.remove("period");
			// by code, without the groups the release did not have
			ObjectNode groups = JSON.createObjectNode();
			report.get("group").forEach(group -> {
				String code = group.at("/code/coding/0/code").asText();
				if (!CONFIDENCE_GROUPS.contains(code) && !NEWER_CHECKS.contains(code)) {
					((ObjectNode) group).remove("stratifier");
					groups.set(code, group);
				}
			});
			report.set("group", groups);
			reports.add(report);
		}
		return reports;
	}

	/** Every population count of the confidence and calibration groups, which the release did not have. */
	private static List<Integer> confidenceGroupCounts(JsonNode bundle) {
		List<Integer> counts = new ArrayList<>();
		for (JsonNode entry : bundle.get("entry")) {
			for (JsonNode group : entry.get("resource").get("group")) {
				if (CONFIDENCE_GROUPS.contains(group.at("/code/coding/0/code").asText())) {
					group.path("population").forEach(population -> counts.add(population.path("count").asInt()));
				}
			}
		}
		assertThat(counts).as("the confidence and calibration groups are reported").isNotEmpty();
		return counts;
	}

	/**
	 * The release masked every stratum of this small day; so does this build: its rows have no patient key, each
	 * counts as a patient, and no week's stratifier reaches 11, so none lists a stratum with a count.
	 */
	private static void assertStrataAllMasked(JsonNode bundle) {
		for (JsonNode entry : bundle.get("entry")) {
			JsonNode report = entry.get("resource");
			assertThat(report.get("period").get("start").asText()).startsWith(DAY);
			assertThat(report.get("period").get("end").asText()).as("widened to the Sunday").startsWith("2026-12-13");
			for (JsonNode group : report.get("group")) {
				String code = group.get("code").get("coding").get(0).get("code").asText();
				if (code.equals("writes") || CONFIDENCE_GROUPS.contains(code)) {
					continue; // counts of the model's writes by week or by confidence bin: no patient attribute
				}
				for (JsonNode stratifier : group.path("stratifier")) {
					for (JsonNode stratum : stratifier.path("stratum")) {
						for (JsonNode population : stratum.get("population")) {
							assertThat(population.has("count")).as(group.get("id") + " " + stratum).isFalse();
						}
					}
				}
			}
		}
	}

	private static JsonNode get(IGenericClient client, String operation) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(TestGateway.request(
				URI.create(client.getServerBase() + "/" + operation)).header("Accept", "application/fhir+json").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(operation).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static JsonNode fixture(String name) throws IOException {
		return JSON.readTree(resource(name));
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = UpgradeFromRelease010IT.class.getResourceAsStream(FIXTURE + name)) {
			assertThat(in).as(FIXTURE + name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** RFC 4180 as psql writes it: an unquoted empty field is NULL, a quoted one the text inside. */
	private static final class Csv {

		static List<List<String>> parse(String text) {
			List<List<String>> rows = new ArrayList<>();
			List<String> row = new ArrayList<>();
			StringBuilder field = new StringBuilder();
			boolean quoted = false;
			boolean wasQuoted = false;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (quoted) {
					if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					} else if (c == '"') {
						quoted = false;
					} else {
						field.append(c);
					}
				} else if (c == '"') {
					quoted = true;
					wasQuoted = true;
				} else if (c == ',' || c == '\n') {
					row.add(field.length() == 0 && !wasQuoted ? null : field.toString());
					field.setLength(0);
					wasQuoted = false;
					if (c == '\n') {
						rows.add(row);
						row = new ArrayList<>();
					}
				} else if (c != '\r') {
					field.append(c);
				}
			}
			if (!row.isEmpty() || field.length() > 0) {
				row.add(field.length() == 0 && !wasQuoted ? null : field.toString());
				rows.add(row);
			}
			return rows;
		}
	}
}
