package dev.tollgate.war.demo;

import dev.tollgate.api.Caller;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/me}: who the gate says the caller is. Any authenticated caller ({@code "**"}). */
@Path("/api/me")
@RequestScoped
@RolesAllowed("**")
@Tag(name = "Demo API")
@SecurityRequirementsSet(@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT))
@SecurityRequirementsSet({@SecurityRequirement(name = TollgateOpenApi.API_EMAIL),
        @SecurityRequirement(name = TollgateOpenApi.API_PASSWORD)})
@APIResponse(responseCode = "400", ref = "Problem400")
@APIResponse(responseCode = "401", ref = "Problem401")
@APIResponse(responseCode = "429", ref = "Problem429")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "Problem503")
public class MeResource {

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Who the caller is", description = "Any authenticated caller.")
    @APIResponse(responseCode = "200", description = "The caller as the gate identified it.",
            content = @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(implementation = CallerView.class)))
    @Produces(MediaType.APPLICATION_JSON)
    public CallerView me() {
        return CallerView.of(caller);
    }
}
