package dev.tollgate.war.demo;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /api/admin/stats}: for the {@code admin} role only; others get 403 {@code insufficient-role}. */
@Path("/api/admin/stats")
@RequestScoped
@RolesAllowed("admin")
public class AdminStatsResource {

    @Inject
    ItemStore store;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Long> stats() {
        return Map.of("items", store.count());
    }
}
