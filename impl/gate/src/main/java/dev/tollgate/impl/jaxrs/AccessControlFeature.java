package dev.tollgate.impl.jaxrs;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Puts an {@link AccessControlFilter} (priority {@link Priorities#AUTHORIZATION}) on each resource method that
 * carries, itself or through its class, {@link dev.tollgate.api.RequiresScope @RequiresScope},
 * {@link jakarta.annotation.security.RolesAllowed @RolesAllowed} or {@link jakarta.annotation.security.DenyAll
 * @DenyAll}. Methods without them get no filter and cost nothing.
 *
 * <p>This enforces {@code @RolesAllowed} whether or not RESTEasy's own role check
 * ({@code resteasy.role.based.security}) is on. Leave that off: it answers an anonymous caller 403 instead of 401,
 * with no challenge.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class AccessControlFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (resourceInfo.getResourceMethod() == null) {
            return;
        }
        AccessRule.of(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod())
                .ifPresent(rule -> context.register(new AccessControlFilter(rule), Priorities.AUTHORIZATION));
    }
}
