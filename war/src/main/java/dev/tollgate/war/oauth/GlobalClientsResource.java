package dev.tollgate.war.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /oauth2/global/clients}: the public list of first-party ("global") clients of the RIPS seed, as
 * {@code {"clients": [{"client_id", "name"}]}}, ordered by name. Nothing secret: no secret hash, no redirect URI.
 */
@RequestScoped
@Path("/oauth2/global/clients")
@Tag(name = "OAuth 2.0")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "OAuthError503")
public class GlobalClientsResource {

    @Inject
    OAuthServices services;

    @GET
    @Operation(summary = "The first-party clients", description = "Public: no secret, no redirect URI.")
    @APIResponse(responseCode = "200", description = "The clients; cacheable for a minute.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = OAuthSchemas.GlobalClients.class)))
    public Response list() {
        List<Map<String, Object>> clients = services.clients().listGlobal().stream().map(client -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("client_id", client.id().value());
            json.put("name", client.name());
            return json;
        }).toList();
        return ProtocolResponses.cacheable(JSONObjectUtils.toJSONString(Map.of("clients", clients)), 60);
    }
}
