package dev.tollgate.war.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.gate.BearerChallenge;
import dev.tollgate.impl.server.dpop.DpopProofCheck;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET} and {@code POST /oauth2/userinfo} (OpenID Connect Core §5.3.1: "MUST support the use of the HTTP GET
 * and HTTP POST methods"): the claims about the subject of a Bearer access token of this server, a user or a
 * service client. See {@code UserInfoEndpoint}. A POST body is ignored (the token comes in the header only).
 */
@RequestScoped
@Path(ProtocolPaths.USERINFO)
@Tag(name = "OAuth 2.0")
@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT)
@APIResponse(responseCode = "200", description = "The claims, with `Cache-Control: no-store`.",
        content = @Content(mediaType = TollgateOpenApi.JSON,
                schema = @Schema(implementation = OAuthSchemas.UserInfo.class)))
@APIResponse(responseCode = "400", ref = "Problem400")
@APIResponse(responseCode = "401", ref = "GatedOAuthError401")
@APIResponse(responseCode = "429", ref = "Problem429")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "GatedOAuthError503")
public class UserInfoResource {

    @Inject
    OAuthServices services;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "Claims about the token's subject", description = """
            OpenID Connect userinfo for an access token of this server, a user's or a service client's. `openid` \
            is not required. For a user, `sub` (the user's opaque id) always; `email` and `email_verified` with \
            the scope `email`; `updated_at` and `roles` with the scope `profile` (OpenID Connect Core 1.0 §5.4).""")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userInfo(authorization);
    }

    @POST
    @Operation(summary = "Claims about the token's subject (POST)",
            description = "As `GET`; OpenID Connect requires both. A body is ignored.")
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userInfo(authorization);
    }

    private Response userInfo(String authorization) {
        List<String> proofs = request == null || request.getHeaders(DpopProofCheck.HEADER) == null ? List.of()
                : Collections.list(request.getHeaders(DpopProofCheck.HEADER));
        try {
            // RFC 9449 §7: htu is the userinfo endpoint under the configured issuer, never the Host header
            return ProtocolResponses.noStore(JSONObjectUtils.toJSONString(services.userInfo().userInfo(
                    Optional.ofNullable(authorization), proofs, request == null ? "GET" : request.getMethod(),
                    ProtocolPaths.endpoints(services.issuer()).userinfo())));
        } catch (OAuthException e) {
            if (e.error() != OAuthError.INVALID_DPOP_PROOF && e.error() != OAuthError.USE_DPOP_NONCE) {
                throw e;
            }
            return dpopRefused(e);
        }
    }

    /**
     * A refused proof at a protected resource (RFC 9449 §7.1, §9): 401 with the error in a {@code DPoP} challenge,
     * and the nonce to use in {@code DPoP-Nonce}, the body in the OAuth error JSON as the endpoint's other errors.
     */
    private Response dpopRefused(OAuthException e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", e.error().code());
        json.put("error_description", e.description());
        Response.ResponseBuilder response = Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.dpop(BearerChallenge.DEFAULT_REALM, e.error(),
                        e.description(), null, String.join(" ", services.dpop().settings().algorithmNames())))
                .entity(JSONObjectUtils.toJSONString(json));
        e.dpopNonce().ifPresent(nonce -> response.header("DPoP-Nonce", nonce));
        return response.build();
    }
}
