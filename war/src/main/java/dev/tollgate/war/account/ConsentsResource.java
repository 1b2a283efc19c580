package dev.tollgate.war.account;

import dev.tollgate.api.Caller;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The applications the calling user has authorized, {@code /api/me/consents} (the console's "Authorized
 * applications"): list, and revoke, which forgets the consent and ends the refresh tokens the user holds for that
 * client; see {@link dev.tollgate.impl.server.admin.UserConsents}. Users only: a client-credentials token is 403.
 */
@Path("/api/me/consents")
@RequestScoped
@RolesAllowed("**")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authorized applications")
@SecurityRequirementsSet(@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT))
@SecurityRequirementsSet({@SecurityRequirement(name = TollgateOpenApi.API_EMAIL),
        @SecurityRequirement(name = TollgateOpenApi.API_PASSWORD)})
@APIResponse(responseCode = "400", ref = "Problem400")
@APIResponse(responseCode = "401", ref = "Problem401")
@APIResponse(responseCode = "403", ref = "Problem403")
@APIResponse(responseCode = "429", ref = "Problem429")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "Problem503")
public class ConsentsResource {

    @Inject
    AccountServices services;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The caller's authorized applications", description = """
            Any user (a client-credentials token is not a user: 403). One item per client the user allowed on the \
            consent page, with each scope set allowed (remembered apart, as the consent page asks) and the time of \
            the latest; `client_name` is null for a client deleted since.""")
    @APIResponse(responseCode = "200", description = "Every authorized application, by client id.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = AuthorizedApplicationView.Page.class)))
    public Response list() {
        return Response.ok(new AuthorizedApplicationView.Page(services.consents().list(caller).stream()
                        .map(AuthorizedApplicationView::of).toList()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @DELETE
    @Path("{clientId}")
    @Operation(summary = "Revoke an authorized application", description = """
            Forgets every consent the caller gave the client, so that its next authorization asks again, and \
            revokes the refresh tokens the caller holds for it, with their access tokens (deny-listed; the gate \
            refuses them within `tollgate.server.revocation-cache`). A client the caller has neither a consent \
            nor a live refresh token of: 404.""")
    @APIResponse(responseCode = "204", description = "Revoked.")
    @APIResponse(responseCode = "404", ref = "Problem404")
    public Response revoke(@Parameter(description = "The application's `client_id`.") @PathParam("clientId")
                           String clientId) {
        services.consents().revoke(caller, clientId);
        return Response.noContent().build();
    }
}
