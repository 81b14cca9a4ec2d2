package org.aitrust.interceptor.quality.check;

/**
 * What a quality team needs to read one check's figure: its Kahn category, class and level, what counts as a
 * violation, and the text of the standard the rule rests on. Held by the registry ({@link BuiltInCheck}) for the
 * built-in checks and by {@link MustSupportCompleteness} for its measures; the docs table of checks is generated
 * from these.
 *
 * @param id the check id, or for must-support measures their prefix followed by {@code <element path>}
 * @param category the Kahn category
 * @param checkClass fatal, convention, characterization or server capability
 * @param level where in the resource the violation sits
 * @param violation what counts as a violation, in a sentence or two
 * @param source the standard's text the rule rests on: URL with section anchor, and the section's title
 */
public record CheckDefinition(
		String id, KahnCategory category, CheckClass checkClass, CheckLevel level, String violation, String source) {}
