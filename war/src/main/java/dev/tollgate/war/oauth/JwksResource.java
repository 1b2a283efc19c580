package dev.tollgate.war.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /oauth2/jwks}: the public signing keys (the current one, its waiting successor and the retired ones
 * whose tokens may still be valid). Only public members: {@code JWKSet.toJSONObject(true)}. Cacheable for five
 * minutes, far less than the time a new key is published ahead of signing.
 */
@RequestScoped
@Path(ProtocolPaths.JWKS)
@Tag(name = "OAuth 2.0")
@APIResponse(responseCode = "500", ref = "Problem500")
public class JwksResource {

    @Inject
    OAuthServices services;

    @GET
    @Operation(summary = "The public signing keys")
    @APIResponse(responseCode = "200", description = "The JWK set; cacheable for five minutes.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = OAuthSchemas.JwkSet.class)))
    public Response jwks() {
        return ProtocolResponses.cacheable(JSONObjectUtils.toJSONString(
                services.signingKeys().publicKeys().toJSONObject(true)), 300);
    }
}
