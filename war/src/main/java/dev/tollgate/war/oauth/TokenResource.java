package dev.tollgate.war.oauth;

import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import dev.tollgate.impl.server.dpop.DpopProofCheck;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /oauth2/token} (RFC 6749 §3.2): a form-encoded or JSON body. Errors are OAuthExceptions, rendered by
 * the OAuthExceptionMapper. The body is read as text for any content type, so that an unsupported one is an
 * {@code invalid_request}, not a 415.
 */
@RequestScoped
@Path(ProtocolPaths.TOKEN)
@Tag(name = "OAuth 2.0")
@APIResponse(responseCode = "400", ref = "OAuthError400")
@APIResponse(responseCode = "401", ref = "OAuthError401")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "OAuthError503")
public class TokenResource {

    @Inject
    OAuthServices services;

    @POST
    @Operation(summary = "Issue tokens", description = """
            RFC 6749 grants: `authorization_code` (PKCE S256 required), `client_credentials`, `password`, \
            `refresh_token` (rotated on every use). Confidential clients authenticate with HTTP Basic or \
            `client_secret_post`; public clients send only `client_id`. Any other content type is an \
            `invalid_request`, not a 415. With a `DPoP` proof header (RFC 9449) the tokens are bound to its key: \
            `token_type` `DPoP` and `cnf.jkt` in the access token; a bad proof is a 400 `invalid_dpop_proof`.""")
    @SecurityRequirement(name = TollgateOpenApi.CLIENT_BASIC)
    @APIResponse(responseCode = "200", description = "The tokens, with `Cache-Control: no-store`.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = TokenResponse.class)))
    public Response token(@Context HttpServletRequest request,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @RequestBody(required = true, content = {
                                  @Content(mediaType = "application/x-www-form-urlencoded",
                                          schema = @Schema(implementation = OAuthSchemas.TokenRequest.class)),
                                  @Content(mediaType = TollgateOpenApi.JSON,
                                          schema = @Schema(implementation = OAuthSchemas.TokenRequest.class))})
                          String body) {
        // The remote address keys the password grant's lockout (never a forwarded header, which anyone can set).
        // RFC 9449 §5: the DPoP proof's htu is the token endpoint under the configured issuer, never the Host header
        List<String> proofs = request.getHeaders(DpopProofCheck.HEADER) == null ? List.of()
                : Collections.list(request.getHeaders(DpopProofCheck.HEADER));
        TokenResponse response = services.token().token(services.issuer(), Optional.ofNullable(authorization),
                contentType, body, request.getRemoteAddr(), proofs,
                ProtocolPaths.endpoints(services.issuer()).token());
        Response.ResponseBuilder ok = Response.fromResponse(ProtocolResponses.noStore(response.toJson()));
        // RFC 9449 §8.2: a fresh nonce with every response, so that the client never has to be refused for one
        services.dpop().currentNonce().ifPresent(nonce -> ok.header("DPoP-Nonce", nonce));
        return ok.build();
    }
}
