package org.aitrust.interceptor.provenance;

import org.aitrust.provenance.AiModel;
import org.aitrust.provenance.ClientProvenance;

/**
 * Why a write is an AI write and which AI wrote it: a Device named in the client's {@code X-Provenance}
 * header, else the model of the registered agent that sent it, else the server's "unidentified AI system"
 * because only the resource's AIAST label said so.
 *
 * @param clientProvenance the parsed {@code X-Provenance} header, or {@code null}
 * @param model the AI model whose Device the module maintains, or {@code null} when the header names the Device
 */
public record AiAuthor(ClientProvenance clientProvenance, AiModel model) {

	public static AiAuthor fromHeader(ClientProvenance clientProvenance) {
		return new AiAuthor(clientProvenance, null);
	}

	public static AiAuthor ofModel(AiModel model) {
		return new AiAuthor(null, model);
	}
}
