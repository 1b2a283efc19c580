package dev.tollgate.it.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery (RFC 8414, OpenID Connect Discovery), JWKS and the public list of global clients. */
class DiscoveryIT {

    @Test
    void authorizationServerMetadataNamesEveryEndpointUnderTheIssuer() {
        HttpResponse<String> response = LibertyServer.get("/.well-known/oauth-authorization-server");

        assertEquals(200, response.statusCode());
        Map<String, Object> metadata = OAuthCalls.json(response);
        String issuer = LibertyServer.baseUrl();
        assertEquals(issuer, metadata.get("issuer"));
        assertEquals(issuer + "/oauth2/token", metadata.get("token_endpoint"));
        assertEquals(issuer + "/oauth2/jwks", metadata.get("jwks_uri"));
        assertEquals(issuer + "/oauth2/revoke", metadata.get("revocation_endpoint"));
        assertEquals(issuer + "/oauth2/register", metadata.get("registration_endpoint"));
        assertEquals(issuer + "/oauth2/introspect", metadata.get("introspection_endpoint"));
        assertEquals(List.of("S256"), metadata.get("code_challenge_methods_supported"));
        assertEquals(true, metadata.get("authorization_response_iss_parameter_supported"));
        assertTrue(((List<?>) metadata.get("grant_types_supported")).containsAll(List.of("client_credentials",
                "password", "refresh_token")));
        assertTrue(((List<?>) metadata.get("token_endpoint_auth_methods_supported")).containsAll(List.of(
                "client_secret_basic", "client_secret_post")));
    }

    @Test
    void openIdConfigurationHasTheSameIssuer() {
        Map<String, Object> metadata = OAuthCalls.json(LibertyServer.get("/.well-known/openid-configuration"));

        assertEquals(LibertyServer.baseUrl(), metadata.get("issuer"));
        assertEquals(List.of("public"), metadata.get("subject_types_supported"));
    }

    @Test
    void jwksHasOnlyPublicKeys() throws Exception {
        HttpResponse<String> response = LibertyServer.get("/oauth2/jwks");

        assertEquals(200, response.statusCode());
        JWKSet keys = JWKSet.parse(response.body());
        assertFalse(keys.getKeys().isEmpty());
        for (JWK key : keys.getKeys()) {
            assertFalse(key.isPrivate(), key.getKeyID());
        }
        assertFalse(response.body().contains("\"d\""));
    }

    @Test
    void globalClientsListsOnlyFirstPartyClientsByIdAndName() {
        HttpResponse<String> response = LibertyServer.get("/oauth2/global/clients");

        assertEquals(200, response.statusCode());
        List<?> clients = (List<?>) OAuthCalls.json(response).get("clients");
        assertTrue(clients.contains(Map.of("client_id", OAuthCalls.GLOBAL, "name", "IT global app")),
                response.body());
        assertFalse(response.body().contains(OAuthCalls.SERVICE));
    }
}
