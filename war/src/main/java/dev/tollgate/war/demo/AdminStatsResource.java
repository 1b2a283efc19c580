package dev.tollgate.war.demo;

import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/admin/stats}: for the {@code admin} role only; others get 403 {@code insufficient-role}. */
@Path("/api/admin/stats")
@RequestScoped
@RolesAllowed("admin")
@Tag(name = "Demo API")
@SecurityRequirementsSet(@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT))
@SecurityRequirementsSet({@SecurityRequirement(name = TollgateOpenApi.API_EMAIL),
        @SecurityRequirement(name = TollgateOpenApi.API_PASSWORD)})
@APIResponse(responseCode = "400", ref = "Problem400")
@APIResponse(responseCode = "401", ref = "Problem401")
@APIResponse(responseCode = "429", ref = "Problem429")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "Problem503")
@APIResponse(responseCode = "403", ref = "Problem403")
public class AdminStatsResource {

    @Inject
    ItemStore store;

    @GET
    @Operation(summary = "Item statistics", description = "Role `admin` only.")
    @APIResponse(responseCode = "200", description = "`{\"items\": <count>}`.")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Long> stats() {
        return Map.of("items", store.count());
    }
}
