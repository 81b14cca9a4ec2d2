package org.aitrust.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated Spring Boot test class a database of its own, on the engine chosen for this run by
 * the {@code aitrust.it.db} system property ({@code h2}, the default, or {@code postgres}). The database is
 * named after the test class, so classes never see each other's data and each class gets its own Spring
 * context. On PostgreSQL the database is dropped and created afresh when the context starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TestDatabaseAvailableCondition.class)
public @interface IsolatedDatabase {}
