package org.aitrust.interceptor.quality.check;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table of physiological vital-sign ranges, keyed by LOINC code and UCUM unit. Immutable; a server that
 * wants other limits builds its own table from {@link #defaults()} with {@link #with(VitalSignRange)}.
 *
 * <p>The {@linkplain #defaults() defaults} are <em>physiological</em> limits: roughly what has been recorded in a
 * living patient, rounded outwards, across all ages from extremely premature newborns to adults at the extremes of
 * size. They are deliberately not clinical normal or alarm ranges; a heart rate of 180/min is abnormal but
 * plausible, while 1800/min is a typing or unit error. A value outside them is almost certainly wrong data, which
 * is what a data-quality count must measure. Limits in a second unit are the first unit's limits converted and
 * rounded outwards.
 *
 * <table>
 * <caption>Default ranges</caption>
 * <tr><th>LOINC</th><th>Vital sign</th><th>UCUM</th><th>Low</th><th>High</th><th>Why</th></tr>
 * <tr><td>8867-4</td><td>Heart rate</td><td>/min</td><td>20</td><td>300</td><td>complete heart block to
 * ventricular and neonatal tachycardias</td></tr>
 * <tr><td>9279-1</td><td>Respiratory rate</td><td>/min</td><td>2</td><td>120</td><td>agonal breathing to
 * newborn tachypnoea</td></tr>
 * <tr><td>8310-5</td><td>Body temperature</td><td>Cel / [degF]</td><td>10 / 50</td><td>47 / 116.6</td><td>survived
 * accidental hypothermia (11.8 °C) and heat stroke (46.5 °C)</td></tr>
 * <tr><td>8480-6</td><td>Systolic blood pressure</td><td>mm[Hg]</td><td>20</td><td>370</td><td>shock to the
 * highest intra-arterial pressure recorded (370/360 mm Hg)</td></tr>
 * <tr><td>8462-4</td><td>Diastolic blood pressure</td><td>mm[Hg]</td><td>5</td><td>360</td><td>severe aortic
 * regurgitation to the same record</td></tr>
 * <tr><td>2708-6, 59408-5</td><td>Oxygen saturation (arterial, pulse oximetry)</td><td>%</td><td>20</td>
 * <td>100</td><td>profound cyanosis; saturation cannot exceed 100 %</td></tr>
 * <tr><td>29463-7</td><td>Body weight</td><td>kg / [lb_av]</td><td>0.2 / 0.44</td><td>650 / 1434</td>
 * <td>smallest surviving newborn (245 g) to heaviest recorded adult (about 635 kg)</td></tr>
 * <tr><td>8302-2</td><td>Body height</td><td>cm / [in_i]</td><td>20 / 7.8</td><td>275 / 108.3</td><td>smallest
 * surviving newborn to tallest recorded adult (272 cm)</td></tr>
 * <tr><td>39156-5</td><td>Body mass index</td><td>kg/m2</td><td>3</td><td>250</td><td>extremely premature
 * newborn to heaviest recorded adults</td></tr>
 * </table>
 *
 * <p>Systolic and diastolic pressure are looked up by their own codes, so they are found both as observations of
 * their own and as components of the blood pressure panel (85354-9).
 */
public final class VitalSignRanges {

	private static final VitalSignRanges DEFAULTS = of(List.of(
			range("8867-4", "/min", "20", "300"),
			range("9279-1", "/min", "2", "120"),
			range("8310-5", "Cel", "10", "47"),
			range("8310-5", "[degF]", "50", "116.6"),
			range("8480-6", "mm[Hg]", "20", "370"),
			range("8462-4", "mm[Hg]", "5", "360"),
			range("2708-6", "%", "20", "100"),
			range("59408-5", "%", "20", "100"),
			range("29463-7", "kg", "0.2", "650"),
			range("29463-7", "[lb_av]", "0.44", "1434"),
			range("8302-2", "cm", "20", "275"),
			range("8302-2", "[in_i]", "7.8", "108.3"),
			range("39156-5", "kg/m2", "3", "250")));

	private final Map<Key, VitalSignRange> ranges;
	/*
	 * The same ranges by LOINC code, then unit: every arriving Observation is looked up, and two lookups of strings
	 * whose hashes they keep cost less than building and hashing a key.
	 */
	private final Map<String, Map<String, VitalSignRange>> byCodeAndUnit = new HashMap<>();

	private VitalSignRanges(Map<Key, VitalSignRange> ranges) {
		this.ranges = ranges;
		ranges.forEach((key, range) ->
				byCodeAndUnit.computeIfAbsent(key.loincCode(), code -> new HashMap<>()).put(key.ucumUnit(), range));
	}

	/** The built-in physiological ranges described above. */
	public static VitalSignRanges defaults() {
		return DEFAULTS;
	}

	/** A table of exactly these ranges; two for the same LOINC code and unit are rejected. */
	public static VitalSignRanges of(Collection<VitalSignRange> ranges) {
		Map<Key, VitalSignRange> byKey = new LinkedHashMap<>();
		for (VitalSignRange range : ranges) {
			if (byKey.putIfAbsent(Key.of(range), range) != null) {
				throw new IllegalArgumentException("Two ranges for LOINC " + range.loincCode() + " in "
						+ range.ucumUnit());
			}
		}
		return new VitalSignRanges(byKey);
	}

	/** This table with the range added, replacing any range for the same LOINC code and unit. */
	public VitalSignRanges with(VitalSignRange range) {
		Map<Key, VitalSignRange> byKey = new LinkedHashMap<>(ranges);
		byKey.put(Key.of(range), range);
		return new VitalSignRanges(byKey);
	}

	/** The range for a LOINC code measured in a UCUM unit, both matched exactly. */
	public Optional<VitalSignRange> find(String loincCode, String ucumUnit) {
		Map<String, VitalSignRange> byUnit = byCodeAndUnit.get(loincCode);
		return byUnit == null ? Optional.empty() : Optional.ofNullable(byUnit.get(ucumUnit));
	}

	/** Every range, in the order given. */
	public List<VitalSignRange> ranges() {
		return List.copyOf(ranges.values());
	}

	private static VitalSignRange range(String loincCode, String ucumUnit, String low, String high) {
		return new VitalSignRange(loincCode, ucumUnit, new BigDecimal(low), new BigDecimal(high));
	}

	private record Key(String loincCode, String ucumUnit) {

		static Key of(VitalSignRange range) {
			return new Key(range.loincCode(), range.ucumUnit());
		}
	}
}
