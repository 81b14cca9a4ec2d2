package org.aitrust.interceptor.quality.check;

/**
 * What every check has besides its rule: a stable id, a Kahn category and a definition a quality lead can read.
 * Subclasses supply only {@link #evaluate}.
 */
abstract class BaseQualityCheck implements QualityCheck {

	private final String id;
	private final KahnCategory category;
	private final String description;

	BaseQualityCheck(String id, KahnCategory category, String description) {
		this.id = id;
		this.category = category;
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
	public final String description() {
		return description;
	}
}
