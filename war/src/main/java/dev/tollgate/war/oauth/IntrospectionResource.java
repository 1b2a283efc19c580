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

/** {@code POST /oauth2/introspect} (RFC 7662): for authenticated clients; {@code {"active":false}} when not active. */
@RequestScoped
@Path(ProtocolPaths.INTROSPECT)
@Tag(name = "OAuth 2.0")
@APIResponse(responseCode = "400", ref = "OAuthError400")
@APIResponse(responseCode = "401", ref = "OAuthError401")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "OAuthError503")
public class IntrospectionResource {

    @Inject
    OAuthServices services;

    @POST
    @Operation(summary = "Introspect a token", description = """
            RFC 7662, for confidential clients (HTTP Basic or `client_secret_post`): an access token of this server, \
            or a refresh token of the calling client. A token is active only if the server's gate would admit it \
            (not revoked, its client not deleted, its user not disabled).""")
    @SecurityRequirement(name = TollgateOpenApi.CLIENT_BASIC)
    @APIResponse(responseCode = "200", description = "The token's state, with `Cache-Control: no-store`.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = OAuthSchemas.IntrospectionResponse.class)))
    public Response introspect(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @RequestBody(required = true, content = {
                                       @Content(mediaType = "application/x-www-form-urlencoded", schema =
                                               @Schema(implementation = OAuthSchemas.TokenOfClientRequest.class)),
                                       @Content(mediaType = TollgateOpenApi.JSON, schema =
                                               @Schema(implementation = OAuthSchemas.TokenOfClientRequest.class))})
                               String body) {
        return ProtocolResponses.noStore(services.introspection().introspect(services.issuer(),
                Optional.ofNullable(authorization), contentType, body));
    }
}
