package org.aitrust.provenance;

/**
 * The write that an AI Provenance records, as a v3-DataOperation code for {@code Provenance.activity}.
 *
 * <p>Only the three operations a FHIR server performs on behalf of an AI client are listed, so that
 * server glue cannot record an activity (READ, EXECUTE, ...) that never changes a resource. The IG's
 * own examples record creation as {@code v3-DataOperation#CREATE "create"}.
 */
public enum DataOperation implements CodedValue {
	CREATE(AiTransparency.CODE_DATA_OPERATION_CREATE, AiTransparency.DISPLAY_DATA_OPERATION_CREATE),
	UPDATE(AiTransparency.CODE_DATA_OPERATION_UPDATE, AiTransparency.DISPLAY_DATA_OPERATION_UPDATE),
	DELETE(AiTransparency.CODE_DATA_OPERATION_DELETE, AiTransparency.DISPLAY_DATA_OPERATION_DELETE);

	private final String code;
	private final String display;

	DataOperation(String code, String display) {
		this.code = code;
		this.display = display;
	}

	/** The v3-DataOperation code, e.g. {@code CREATE}. */
	@Override
	public String code() {
		return code;
	}

	/** The v3-DataOperation display, e.g. {@code revise} for UPDATE. */
	@Override
	public String display() {
		return display;
	}

	@Override
	public String system() {
		return AiTransparency.SYSTEM_V3_DATA_OPERATION;
	}
}
