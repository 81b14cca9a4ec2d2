package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.aitrust.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The review worklist's rows and pages, on H2 and (when reachable) PostgreSQL. */
class UnreviewedVersionsTest {

	private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void pagesListEveryEntryOnceNewestFirstWithTiesInKeyOrderAtAnyPageSize(TestDatabase engine) {
		UnreviewedVersions worklist = worklist(engine, "pages");
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			// three entries share each instant, so the key decides between them
			Instant lastUpdated = NOON.plusMillis(i / 3);
			worklist.put(entry("Observation", "o" + (100 + i), 1, i % 2 == 0 ? "Patient/a" : "Patient/b", lastUpdated));
		}
		for (int i = 24; i >= 0; i--) {
			expected.add("Observation/o" + (100 + i));
		}

		for (int size : List.of(1, 4, 25, 26)) {
			assertThat(keysPageByPage(worklist, WorklistQuery.of(null, null), size)).as("pages of " + size)
					.isEqualTo(expected);
		}
		assertThat(keysPageByPage(worklist, WorklistQuery.of("Observation", "Patient/a"), 5))
				.isEqualTo(expected.stream().filter(k -> Integer.parseInt(k.substring(13)) % 2 == 0).toList());
		assertThat(worklist.count(WorklistQuery.of(null, "Patient/b"))).isEqualTo(12);
		assertThat(worklist.count(WorklistQuery.of("Condition", null))).isZero();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aNewVersionReplacesTheEntryAndOnlyAReviewOfTheListedVersionRemovesIt(TestDatabase engine) {
		UnreviewedVersions worklist = worklist(engine, "versions");
		worklist.put(entry("Observation", "1", 1, null, NOON));
		worklist.put(entry("Observation", "1", 2, null, NOON.plusSeconds(60)));

		assertThat(worklist.removeVersion("Observation", "1", 1)).isFalse();
		List<UnreviewedVersion> listed = worklist.page(WorklistQuery.of(null, null), null, 10);

		assertThat(listed).extracting(UnreviewedVersion::version).as("the review of version 1 came too late")
				.containsExactly(2L);
		assertThat(listed.get(0).lastUpdated()).isEqualTo(NOON.plusSeconds(60));
		assertThat(worklist.removeVersion("Observation", "1", 2)).as("the first review").isTrue();
		assertThat(worklist.removeVersion("Observation", "1", 2)).as("a second review").isFalse();
		assertThat(worklist.count(WorklistQuery.of(null, null))).isZero();
		worklist.put(entry("Condition", "c", 3, null, NOON));
		worklist.remove("Condition", "c");
		assertThat(worklist.count(WorklistQuery.of(null, null))).isZero();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void theReportCountsTheEntriesOfItsDaysSourceTypeAndProfile(TestDatabase engine) {
		UnreviewedVersions worklist = worklist(engine, "report");
		worklist.put(entry("Observation", "1", 1, null, NOON));
		worklist.put(entry("Observation", "2", 1, null, NOON.plusSeconds(86_400)));
		worklist.put(new UnreviewedVersion("Condition", "3", 1, null, NOON, LocalDate.parse("2026-11-20"), "ehr",
				"none"));
		LocalDate day = LocalDate.parse("2026-11-20");

		assertThat(worklist.count(WorklistQuery.of(new QualityQuery(day, day, null, null, null)))).isEqualTo(2);
		assertThat(worklist.count(WorklistQuery.of(new QualityQuery(day, day, "scribe", null, null)))).isEqualTo(1);
		assertThat(worklist.count(WorklistQuery.of(new QualityQuery(day, day.plusDays(1), null, "Observation", null))))
				.isEqualTo(2);
		assertThat(worklist.count(WorklistQuery.of(new QualityQuery(day, day, null, null, "http://x/p")))).isZero();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aBackfilledEntryIsPutOnlyWhereTheResourceHasNoneSoALiveWritesEntryWins(TestDatabase engine) {
		UnreviewedVersions worklist = worklist(engine, "put_if_absent");
		worklist.put(entry("Observation", "1", 3, "Patient/live", NOON.plusSeconds(60)));

		assertThat(worklist.putIfAbsent(entry("Observation", "1", 2, null, NOON))).as("listed by a live write").isFalse();
		assertThat(worklist.putIfAbsent(entry("Observation", "2", 1, "Patient/a", NOON))).as("not listed").isTrue();
		assertThat(worklist.putIfAbsent(entry("Observation", "2", 1, "Patient/a", NOON))).as("a second node").isFalse();

		assertThat(worklist.page(WorklistQuery.of(null, null), null, 10))
				.extracting(UnreviewedVersion::key, UnreviewedVersion::version, UnreviewedVersion::patient)
				.containsExactly(tuple("Observation/1", 3L, "Patient/live"), tuple("Observation/2", 1L, "Patient/a"));
	}

	private static List<String> keysPageByPage(UnreviewedVersions worklist, WorklistQuery query, int size) {
		List<String> keys = new ArrayList<>();
		WorklistCursor after = null;
		while (true) {
			List<UnreviewedVersion> page = worklist.page(query, after, size);
			page.forEach(entry -> keys.add(entry.key()));
			if (page.size() < size) {
				return keys;
			}
			// the token is what travels in the next link
			after = WorklistCursor.parse(WorklistCursor.after(page.get(page.size() - 1)).token());
		}
	}

	private static UnreviewedVersion entry(String type, String id, long version, String patient, Instant lastUpdated) {
		return new UnreviewedVersion(type, id, version, patient, lastUpdated,
				LocalDate.ofEpochDay(lastUpdated.getEpochSecond() / 86_400), "scribe", "none");
	}

	private static UnreviewedVersions worklist(TestDatabase engine, String name) {
		DataSource dataSource = EmptyDatabases.create(engine, "worklist_" + name);
		new ModuleSchema(dataSource).migrate();
		return new UnreviewedVersions(dataSource);
	}
}
