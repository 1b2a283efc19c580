package dev.tollgate.war.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.impl.server.authorize.PushedAuthorizationRequests;
import dev.tollgate.impl.server.protocol.AuthenticatedRequest;
import dev.tollgate.impl.server.token.Issuer;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /oauth2/par} (RFC 9126 §2): the client pushes its authorization request, authenticated as at the
 * token endpoint (a secret, a {@code private_key_jwt} assertion, or a public client's {@code client_id}), and gets
 * a {@code request_uri} for the authorization endpoint. Errors are the RFC 6749 §5.2 JSON (RFC 9126 §2.3); another
 * method than POST is a 405.
 */
@RequestScoped
@Path(ProtocolPaths.PAR)
@Tag(name = "Authorization code flow")
@APIResponse(responseCode = "400", ref = "OAuthError400")
@APIResponse(responseCode = "401", ref = "OAuthError401")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "OAuthError503")
public class PushedAuthorizationRequestResource {

    @Inject
    OAuthServices services;

    @POST
    @Operation(summary = "Push an authorization request (RFC 9126)", description = """
            The parameters of `GET /oauth2/authorize` (`response_type`, `redirect_uri`, `scope`, `state`, \
            `code_challenge`, `code_challenge_method`, `nonce`), validated by the same rules, plus client \
            authentication as at the token endpoint. The answer's `request_uri` is good once, for 60 seconds, with \
            this client's `client_id` at the authorization endpoint.""")
    @SecurityRequirement(name = TollgateOpenApi.CLIENT_BASIC)
    @APIResponse(responseCode = "201", description = "`request_uri` and `expires_in`, with `Cache-Control: no-store`.",
            content = @Content(mediaType = TollgateOpenApi.JSON))
    public Response push(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                         @RequestBody(required = true, content = @Content(
                                 mediaType = "application/x-www-form-urlencoded",
                                 schema = @Schema(implementation = String.class)))
                         String body) {
        // RFC 9126 §2.1: client authentication as at the token endpoint; public clients send client_id.
        AuthenticatedRequest authenticated = services.clientAuthenticator().authenticate(
                Optional.ofNullable(authorization), contentType, body, Set.of(), true);
        PushedAuthorizationRequests.Pushed pushed = services.pushedRequests().push(authenticated.client(),
                authenticated.parameters().asMap(), new Issuer(services.issuer()));
        // RFC 9126 §2.2: 201 Created, and the response is not to be cached
        return Response.status(Response.Status.CREATED)
                .entity(JSONObjectUtils.toJSONString(pushed.toJson()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
