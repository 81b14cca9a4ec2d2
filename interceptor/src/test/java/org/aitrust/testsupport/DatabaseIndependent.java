package org.aitrust.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose outcome does not depend on the database engine: it runs in the H2 pass only and is
 * skipped in the PostgreSQL pass ({@code -Daitrust.it.db=postgres}), with the reason printed once, before any server
 * starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(OneEnginePass.class)
public @interface DatabaseIndependent {

	/** Why the database engine does not matter to this class, printed when it is skipped. */
	String value();
}
