package dev.tollgate.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller must hold every listed OAuth scope. On a JAX-RS resource class or method; a method's annotation
 * replaces the class's. A caller without them gets 403 with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="..."} (RFC 6750 §3.1).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {
    /** The scopes that are all required. */
    String[] value();
}
