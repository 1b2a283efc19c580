package dev.tollgate.impl.jaxrs;

import dev.tollgate.api.RequiresScope;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * What a resource method demands of its caller, read once from its annotations.
 *
 * <p>Precedence:
 * <ul>
 *   <li>Roles (Jakarta Annotations 2.1 §3.7-3.9): the method's {@code @DenyAll}, {@code @RolesAllowed} or
 *       {@code @PermitAll} replaces the class's. Where one element carries several, the strictest counts.</li>
 *   <li>Scopes: the method's {@code @RequiresScope} replaces the class's. A method's {@code @PermitAll} also waives
 *       the class's scopes: it opens that method to everyone.</li>
 *   <li>Roles and scopes both apply when both are present.</li>
 * </ul>
 *
 * @param denyAll nobody may call it ({@code @DenyAll})
 * @param roles the caller needs one of them ({@code @RolesAllowed}); {@code "**"} is any authenticated caller;
 *              empty when there is no role rule
 * @param scopes the caller needs all of them ({@code @RequiresScope})
 * @param authenticated an anonymous caller is refused with 401
 */
record AccessRule(boolean denyAll, List<String> roles, List<String> scopes, boolean authenticated) {

    /** The role that any authenticated caller has (as in Servlet 6.0 §13.3 and Jakarta Security). */
    static final String ANY_AUTHENTICATED = "**";

    AccessRule {
        roles = List.copyOf(roles);
        scopes = List.copyOf(scopes);
    }

    /** The rule for {@code method} of {@code resourceClass}; empty when it leaves the method open. */
    static Optional<AccessRule> of(Class<?> resourceClass, Method method) {
        AnnotatedElement roleSource = hasRoleAnnotation(method) ? method
                : resourceClass != null && hasRoleAnnotation(resourceClass) ? resourceClass
                : null;
        RequiresScope scope = method.getAnnotation(RequiresScope.class);
        if (scope == null && !method.isAnnotationPresent(PermitAll.class) && resourceClass != null) {
            scope = resourceClass.getAnnotation(RequiresScope.class);
        }
        RolesAllowed rolesAllowed = roleSource == null ? null : roleSource.getAnnotation(RolesAllowed.class);
        // @RolesAllowed({}) admits no role at all: the same as @DenyAll.
        boolean denyAll = roleSource != null && (roleSource.isAnnotationPresent(DenyAll.class)
                || rolesAllowed != null && rolesAllowed.value().length == 0);
        if (denyAll) {
            rolesAllowed = null;
        }
        if (!denyAll && rolesAllowed == null && scope == null) {
            return Optional.empty();
        }
        if (denyAll) {
            return Optional.of(new AccessRule(true, List.of(), List.of(), false));
        }
        List<String> roles = rolesAllowed == null ? List.of() : List.of(rolesAllowed.value());
        List<String> scopes = scope == null ? List.of() : List.of(scope.value());
        return Optional.of(new AccessRule(denyAll, roles, scopes, rolesAllowed != null || scope != null));
    }

    private static boolean hasRoleAnnotation(AnnotatedElement element) {
        return element.isAnnotationPresent(DenyAll.class) || element.isAnnotationPresent(RolesAllowed.class)
                || element.isAnnotationPresent(PermitAll.class);
    }
}
