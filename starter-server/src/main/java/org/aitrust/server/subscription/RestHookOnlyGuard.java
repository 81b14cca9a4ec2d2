package org.aitrust.server.subscription;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;

/**
 * Refuses (422, nothing stored) a Subscription whose channel is not a REST hook. HAPI stores such a Subscription and
 * leaves it {@code requested} for ever, as the channel type is not among the accepted ones: its author would wait for
 * notifications that never come. Registered with HAPI's interceptor service, so it sees every write, a transaction's
 * entries included.
 */
@Interceptor
public class RestHookOnlyGuard {

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		check(resource);
	}

	private static void check(IBaseResource resource) {
		if (resource instanceof Subscription subscription
				&& subscription.getChannel().getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
			throw new UnprocessableEntityException("Subscription.channel.type must be rest-hook: this server delivers"
					+ " notifications by REST hook only, not by " + subscription.getChannel().getTypeElement().getCode());
		}
	}
}
