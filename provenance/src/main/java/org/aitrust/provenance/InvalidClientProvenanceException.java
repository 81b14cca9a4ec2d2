package org.aitrust.provenance;

/**
 * The Provenance a client sent in its {@code X-Provenance} header cannot be accepted.
 *
 * <p>The message is written for the client's developer: it says what is wrong and what to send
 * instead, so server glue can return it unchanged in a 400 response's OperationOutcome.
 */
public class InvalidClientProvenanceException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidClientProvenanceException(String message) {
		super(message);
	}

	public InvalidClientProvenanceException(String message, Throwable cause) {
		super(message, cause);
	}
}
