package org.aitrust.autoconfigure;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The module applies: a HAPI {@link RestfulServer} is on the classpath and the master switch {@code aitrust.enabled}
 * is not {@code false}. Every auto-configuration of the module carries it, so the master switch turns off all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnClass(RestfulServer.class)
@ConditionalOnProperty(prefix = AiTrustProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
public @interface ConditionalOnAiTrust {}
