package dev.tollgate.war.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.impl.protocol.ServerMetadata;
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
 * The discovery documents: {@code /.well-known/oauth-authorization-server} (RFC 8414 §3) and
 * {@code /.well-known/openid-configuration} (OpenID Connect Discovery 1.0 §4). Built from the configured issuer
 * alone, never from the request's {@code Host}, so the five minutes a shared cache may keep them cannot spread a
 * spoofed host's document.
 */
@RequestScoped
@Path("/.well-known")
@Tag(name = "OAuth 2.0")
@APIResponse(responseCode = "500", ref = "Problem500")
public class DiscoveryResource {

    @Inject
    OAuthServices services;

    @GET
    @Path("oauth-authorization-server")
    @Operation(summary = "Authorization server metadata (RFC 8414)")
    @APIResponse(responseCode = "200", description = "The metadata; cacheable for five minutes.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = ServerMetadata.class)))
    public Response oauth() {
        return ProtocolResponses.cacheable(JSONObjectUtils.toJSONString(services.metadata().oauthJson()), 300);
    }

    @GET
    @Path("openid-configuration")
    @Operation(summary = "OpenID Connect discovery", description = """
            The RFC 8414 metadata plus the OpenID members (`subject_types_supported`, \
            `id_token_signing_alg_values_supported`, `scopes_supported`, `claims_supported`).""")
    @APIResponse(responseCode = "200", description = "The metadata; cacheable for five minutes.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = ServerMetadata.class)))
    public Response openid() {
        return ProtocolResponses.cacheable(JSONObjectUtils.toJSONString(services.metadata().openidJson()), 300);
    }
}
