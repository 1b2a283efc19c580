package dev.tollgate.war.startup;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource that needs no database, so {@link StartupPendingFilter} lets it answer before the start-up
 * has completed (a node waiting for its database still serves its public status). Every other resource answers 503
 * until then; discovery too, which lists the algorithms of the signing keys, kept in the database. Inherited: JAX-RS
 * may see a CDI bean's proxy subclass.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServedWithoutDatabase {
}
