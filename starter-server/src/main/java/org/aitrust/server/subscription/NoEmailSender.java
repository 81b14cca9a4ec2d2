package org.aitrust.server.subscription;

import ca.uhn.fhir.jpa.subscription.match.deliver.email.EmailDetails;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;

/**
 * The mail sender HAPI's subscription processor needs a bean of, in a server that delivers no e-mail: the email
 * channel type is not among the accepted ones (HAPI refuses such a Subscription with 422), so nothing should reach
 * it; if something does, it fails loudly rather than pretend a mail went out.
 */
final class NoEmailSender implements IEmailSender {

	@Override
	public void send(EmailDetails details) {
		throw new IllegalStateException("This server delivers Subscriptions by REST hook only; no e-mail was sent");
	}
}
