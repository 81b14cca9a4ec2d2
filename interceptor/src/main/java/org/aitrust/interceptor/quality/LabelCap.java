package org.aitrust.interceptor.quality;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which values of a metrics dimension (source, AI model, profile, breakdown item) keep their own label; every other
 * value is counted as {@value #OTHER}. Named values (registered agents, configured sources, the registered models'
 * Devices) always keep theirs. Other values are admitted only when their caller says they may be (a client the
 * identity layer resolved, a profile the server knows), and only while the named and admitted
 * values together are fewer than {@code limit}: the limit bounds the labels in storage and in Prometheus, and what a
 * client can make up (a header, free text in {@code meta.source}, a Device of its own, a profile URL) never takes a
 * label a named value needs. {@link #reset()} forgets the admitted values.
 */
public class LabelCap {

	public static final String OTHER = "other";

	private final int limit;
	private final Set<String> named;
	private final Set<String> admitted = ConcurrentHashMap.newKeySet();

	/**
	 * @param limit how many labels the named and admitted values may take together; named values beyond it keep
	 *     theirs all the same
	 * @param named values that always keep their own label
	 */
	public LabelCap(int limit, Collection<String> named) {
		this.limit = limit;
		this.named = Set.copyOf(named.stream().filter(v -> v != null && !OTHER.equals(v)).toList());
	}

	/** A cap of first-come values: every value may be admitted (breakdown items, from fixed vocabularies). */
	public static LabelCap firstCome(int limit, Collection<String> alreadyStored) {
		LabelCap cap = new LabelCap(limit, List.of());
		alreadyStored.forEach(cap::fold);
		return cap;
	}

	/** {@link #fold(String, Predicate)} for a value that may always be admitted. */
	public String fold(String value) {
		return fold(value, v -> true);
	}

	/** {@link #fold(String, Predicate)} for a value that may not be admitted: it keeps a label only if it has one. */
	public String labelOf(String value) {
		return fold(value, v -> false);
	}

	/**
	 * The value itself when it is named or admitted, or is {@code admissible} (asked only then) and there is still
	 * room for it; {@value #OTHER} otherwise.
	 */
	public String fold(String value, Predicate<String> admissible) {
		if (value == null || OTHER.equals(value)) {
			return OTHER;
		}
		if (named.contains(value) || admitted.contains(value)) {
			return value;
		}
		if (named.size() + admitted.size() >= limit || !admissible.test(value)) {
			return OTHER;
		}
		synchronized (admitted) {
			if (admitted.contains(value)) {
				return value;
			}
			if (named.size() + admitted.size() < limit) {
				admitted.add(value);
				return value;
			}
		}
		return OTHER;
	}

	/** Forgets the admitted values (never the named ones) and returns them, sorted. */
	public List<String> reset() {
		synchronized (admitted) {
			List<String> cleared = admitted.stream().sorted().toList();
			admitted.removeAll(cleared);
			return cleared;
		}
	}

	/** Labels taken: named and admitted values. */
	public int size() {
		return named.size() + admitted.size();
	}
}
