package org.aitrust.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The opposite of {@link DatabaseIndependent}: a test class whose subject only PostgreSQL has (server processes
 * that can be terminated, a database that outlives the JVM). It is skipped in the H2 pass with the reason printed
 * once, and in the PostgreSQL pass it is subject to {@link TestDatabaseAvailableCondition} like any other.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith({OneEnginePass.class, TestDatabaseAvailableCondition.class})
public @interface PostgresOnly {

	/** Why H2 cannot stand in for PostgreSQL here, printed when the class is skipped. */
	String value();
}
