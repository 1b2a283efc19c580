package dev.tollgate.war.oauth;

import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /oauth2/revoke} (RFC 7009): 200 with an empty body, also for an unknown token; 400
 * {@code invalid_grant} for a token issued to another client (§2.1).
 */
@RequestScoped
@Path(ProtocolPaths.REVOKE)
@Tag(name = "OAuth 2.0")
@APIResponse(responseCode = "400", ref = "OAuthError400")
@APIResponse(responseCode = "401", ref = "OAuthError401")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "OAuthError503")
public class RevocationResource {

    @Inject
    OAuthServices services;

    @POST
    @Operation(summary = "Revoke a token", description = """
            RFC 7009. A refresh token revokes its whole family and the access tokens issued with it; an access \
            token goes on the deny-list until it expires (the gate sees either within \
            `tollgate.server.revocation-cache`). An unknown or expired token is not an error; a token issued to \
            another client is refused with `invalid_grant` and nothing is revoked (RFC 7009 §2.1).""")
    @SecurityRequirement(name = TollgateOpenApi.CLIENT_BASIC)
    @APIResponse(responseCode = "200", description = "Revoked, or unknown; no body.")
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @RequestBody(required = true, content = {
                                   @Content(mediaType = "application/x-www-form-urlencoded",
                                           schema = @Schema(implementation = OAuthSchemas.TokenOfClientRequest.class)),
                                   @Content(mediaType = TollgateOpenApi.JSON,
                                           schema = @Schema(implementation = OAuthSchemas.TokenOfClientRequest.class))})
                           String body) {
        services.revocation().revoke(Optional.ofNullable(authorization), contentType, body);
        return Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
