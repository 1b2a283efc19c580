/**
 * The JAX-RS providers of the gate: one exception mapper per error format, the scope and role checks on resource
 * methods, and the guard that turns unreadable request bodies into 400s.
 *
 * <p>They are found by JAX-RS scanning ({@code @Provider}), so a host WAR gets them by dropping in the jar. No class
 * here is a resource ({@code @Path}): the jar adds no endpoints. Mappers that need an optional API (Bean Validation,
 * JSON-B) carry no {@code @Provider}; {@link dev.tollgate.impl.jaxrs.OptionalApiMappers} registers them only when that
 * API is present, so that scanning never loads a class that cannot link.
 *
 * <p>Every error becomes an RFC 9457 {@code application/problem+json} body, except {@link
 * dev.tollgate.api.error.OAuthException}, which protocol endpoints send as the RFC 6749 §5.2 JSON. No body carries
 * a stack trace or an exception message.
 */
package dev.tollgate.impl.jaxrs;
