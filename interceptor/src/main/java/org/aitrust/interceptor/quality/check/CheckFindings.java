package org.aitrust.interceptor.quality.check;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A check's outcome for one resource together with what it found: for a violation, the distinct items (element
 * paths, units, codes, code systems) at which the resource violated it, so reports can break a rate down by element
 * or code. A check that reports no items gives only its outcome.
 *
 * @param outcome pass, fail or not applicable, as {@link QualityCheck#evaluate} gives it
 * @param items the distinct items found, by kind; empty unless the outcome is {@link CheckOutcome#FAIL}
 */
public record CheckFindings(CheckOutcome outcome, Map<FindingKind, Set<String>> items) {

	private static final CheckFindings PASS = new CheckFindings(CheckOutcome.PASS, Map.of());
	private static final CheckFindings FAIL = new CheckFindings(CheckOutcome.FAIL, Map.of());
	private static final CheckFindings NOT_APPLICABLE = new CheckFindings(CheckOutcome.NOT_APPLICABLE, Map.of());

	public CheckFindings {
		Map<FindingKind, Set<String>> copy = new EnumMap<>(FindingKind.class);
		items.forEach((kind, found) -> {
			if (!found.isEmpty()) {
				copy.put(kind, Collections.unmodifiableSet(new TreeSet<>(found)));
			}
		});
		items = copy.isEmpty() ? Map.of() : Collections.unmodifiableMap(copy);
	}

	/** An outcome without items. */
	public static CheckFindings of(CheckOutcome outcome) {
		return switch (outcome) {
			case PASS -> PASS;
			case FAIL -> FAIL;
			case NOT_APPLICABLE -> NOT_APPLICABLE;
		};
	}

	/** The items of one kind, empty when none were found. */
	public Set<String> items(FindingKind kind) {
		return items.getOrDefault(kind, Set.of());
	}

	/** Collects items while a check walks a resource; items are kept only if the resource is found to violate it. */
	static final class Collector {

		private boolean applicable;
		private boolean violated;
		private Map<FindingKind, Set<String>> items;

		void applies() {
			applicable = true;
		}

		/** A judged element that violated the check, with the items that say where or what. */
		void violation(FindingKind kind, String item) {
			applicable = true;
			violated = true;
			if (items == null) {
				items = new EnumMap<>(FindingKind.class);
			}
			items.computeIfAbsent(kind, k -> new TreeSet<>()).add(item);
		}

		/** A judged element that violated the check without an item to report. */
		void violation() {
			applicable = true;
			violated = true;
		}

		boolean violated() {
			return violated;
		}

		/** Records one judged part that reports no item: a violation or a pass. */
		void judged(boolean partViolates) {
			if (partViolates) {
				violation();
			} else {
				applies();
			}
		}

		/** The outcome alone, for checks that report no items. */
		CheckOutcome outcome() {
			return CheckOutcome.of(applicable, violated);
		}

		CheckFindings findings() {
			CheckOutcome outcome = CheckOutcome.of(applicable, violated);
			return items == null || outcome != CheckOutcome.FAIL ? of(outcome) : new CheckFindings(outcome, items);
		}
	}
}
