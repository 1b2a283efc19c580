package dev.tollgate.war.startup;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Until this node's start-up has completed (its database was unreachable at start, see {@link DatabaseStartup}),
 * every resource not marked {@link ServedWithoutDatabase} is refused with the {@code StoreException} of
 * {@link StartupState#requireStarted()}, which the store-exception mapper answers as a database outage: 503 with
 * {@code Retry-After}, in the endpoint's error format. Without it a request could meet a schema half migrated, or a
 * declared client not yet written (a 401 for a client that exists). After the start, it costs one volatile read.
 *
 * <p>Runs after resource matching (an unknown path is still a 404) and before everything else.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class StartupPendingFilter implements ContainerRequestFilter {

    @Inject
    ServerBeans beans;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        StartupState startup = beans.startup();
        if (startup.started()) {
            return;
        }
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (type != null && type.isAnnotationPresent(ServedWithoutDatabase.class)) {
            return;
        }
        startup.requireStarted();
    }
}
