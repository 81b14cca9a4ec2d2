package org.aitrust.interceptor.quality.check;

/**
 * What every check has besides its rule: a stable id, a Kahn category, a class, a level and a definition a quality lead can read.
 * Subclasses supply only {@link #evaluate}; their id, category, class and level come from their {@link BuiltInCheck} entry, so the
 * registry and the check cannot disagree.
 */
abstract class BaseQualityCheck implements QualityCheck {

	private final String id;
	private final KahnCategory category;
	private final CheckClass checkClass;
	private final CheckLevel level;
	private final String description;

	BaseQualityCheck(BuiltInCheck builtIn, String description) {
		this.id = builtIn.id();
		this.category = builtIn.category();
		this.checkClass = builtIn.checkClass();
		this.level = builtIn.level();
		this.description = description;
	}

	@Override
	public final String id() {
		return id;
	}

	@Override
	public final KahnCategory category() {
		return category;
	}

	@Override
	public final CheckClass checkClass() {
		return checkClass;
	}

	@Override
	public final CheckLevel level() {
		return level;
	}

	@Override
	public final String description() {
		return description;
	}
}
