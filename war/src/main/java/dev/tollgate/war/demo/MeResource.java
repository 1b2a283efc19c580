package dev.tollgate.war.demo;

import dev.tollgate.api.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/me}: who the gate says the caller is. Any authenticated caller ({@code "**"}). */
@Path("/api/me")
@RequestScoped
@RolesAllowed("**")
public class MeResource {

    @Inject
    Caller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CallerView me() {
        return CallerView.of(caller);
    }
}
