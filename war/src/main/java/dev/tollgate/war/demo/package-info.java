/**
 * A small API behind the gate, to show and test it end to end: the caller ({@code /api/me}), a paged list from the
 * database ({@code /api/items}), a role-protected ({@code /api/admin/stats}) and a scope-protected
 * ({@code /api/reports}) resource, and one public path ({@code /api/status}).
 *
 * <p>The resources are thin: authentication is the gate's (servlet filter), the role and scope checks are impl's
 * JAX-RS filter driven by the annotations, and every error is a problem written by impl's mappers.
 */
package dev.tollgate.war.demo;
