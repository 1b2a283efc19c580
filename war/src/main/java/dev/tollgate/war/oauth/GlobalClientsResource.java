package dev.tollgate.war.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /oauth2/global/clients}: the public list of first-party ("global") clients of the RIPS seed, as
 * {@code {"clients": [{"client_id", "name"}]}}, ordered by name. Nothing secret: no secret hash, no redirect URI.
 */
@RequestScoped
@Path("/oauth2/global/clients")
public class GlobalClientsResource {

    @Inject
    OAuthServices services;

    @GET
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
