package org.aitrust.interceptor.provenance;

import org.aitrust.provenance.AiModel;
import org.aitrust.provenance.ClientProvenance;
import org.aitrust.provenance.TransactionAiProvenance;

/**
 * Why a write is an AI write and which AI wrote it: a Device named in the client's {@code X-Provenance}
 * header, else the model of the registered agent that sent it, else the server's "unidentified AI system"
 * because only the resource's AIAST label said so. A client's own AI-Provenance in the same transaction
 * ({@link TransactionAiProvenance}) is the record of the write, and the module writes none.
 *
 * @param clientProvenance the parsed {@code X-Provenance} header, or {@code null}
 * @param model the AI model whose Device the module maintains, or {@code null} when the client names the Device
 * @param clientRecord the client's AI-Provenance in the same transaction that attributes this resource, or {@code null}
 */
public record AiAuthor(ClientProvenance clientProvenance, AiModel model, TransactionAiProvenance clientRecord) {

	public AiAuthor(ClientProvenance clientProvenance, AiModel model) {
		this(clientProvenance, model, null);
	}

	public static AiAuthor fromHeader(ClientProvenance clientProvenance) {
		return new AiAuthor(clientProvenance, null);
	}

	public static AiAuthor ofModel(AiModel model) {
		return new AiAuthor(null, model);
	}

	/** The AI named by the client's own AI-Provenance in the transaction, which is this write's record. */
	public static AiAuthor recordedByClient(TransactionAiProvenance clientRecord) {
		return new AiAuthor(null, null, clientRecord);
	}
}
