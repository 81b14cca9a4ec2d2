package org.aitrust.provenance;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The write that an AI Provenance records, as a v3-DataOperation code for {@code Provenance.activity}.
 *
 * <p>Only the three operations a FHIR server performs on behalf of an AI client are listed, so that
 * server glue cannot record an activity (READ, EXECUTE, ...) that never changes a resource. The IG's
 * own examples record creation as {@code v3-DataOperation#CREATE "create"}.
 */
public enum DataOperation {
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
  public String code() {
    return code;
  }

  /** The v3-DataOperation display, e.g. {@code revise} for UPDATE. */
  public String display() {
    return display;
  }

  /** A new coding in {@value AiTransparency#SYSTEM_V3_DATA_OPERATION}. */
  public Coding toCoding() {
    return new Coding(AiTransparency.SYSTEM_V3_DATA_OPERATION, code, display);
  }

  /** A new CodeableConcept holding {@link #toCoding()}, ready for {@code Provenance.activity}. */
  public CodeableConcept toCodeableConcept() {
    return new CodeableConcept(toCoding());
  }
}
