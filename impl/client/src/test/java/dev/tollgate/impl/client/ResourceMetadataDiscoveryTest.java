package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.TokenClientException;
import dev.tollgate.impl.client.FakeServer.Answer;
import dev.tollgate.impl.config.ConfigurationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 9728 §5: the client starts from a protected resource and finds its authorization server. */
class ResourceMetadataDiscoveryTest {

    private FakeServer server;
    private String origin;
    private DefaultTokenClient tokens;

    @BeforeEach
    void start() {
        server = FakeServer.start();
        origin = server.uri("").toString();
        server.issuing("/token", "tok", 3600L);
        server.otherwise("/api/orders", r -> r.header("Authorization") != null ? Answer.of(200, "ok")
                : Answer.of(401, "").withHeader("WWW-Authenticate", "Bearer realm=\"api\", resource_metadata=\""
                        + origin + "/api/.well-known/oauth-protected-resource\""));
        server.otherwise("/.well-known/oauth-authorization-server", r -> Answer.json(200, "{\"issuer\":\""
                + origin + "\",\"token_endpoint\":\"" + server.uri("/token") + "\"}"));
    }

    @AfterEach
    void stop() {
        if (tokens != null) {
            tokens.close();
        }
        server.close();
    }

    private void metadata(String resource, String... servers) {
        server.otherwise("/api/.well-known/oauth-protected-resource", r -> Answer.json(200, "{\"resource\":\""
                + resource + "\",\"authorization_servers\":[" + String.join(",", servers.length == 0 ? List.of()
                : List.of(servers).stream().map(s -> "\"" + s + "\"").toList()) + "]}"));
    }

    private AuthorizedHttpClient api(String allowed) {
        tokens = TokenClients.builder().name("mcp").clientId("svc").clientSecret(TestClients.SECRET)
                .set("resource-metadata-discovery", "true")
                .set("resource-metadata-issuers", allowed)
                .clock(new MutableClock())
                .build();
        return new AuthorizedHttpClient(HttpClient.newHttpClient(), tokens);
    }

    private HttpRequest get() {
        return HttpRequest.newBuilder(server.uri("/api/orders?x=1")).GET().build();
    }

    @Test
    void allowedIssuerIsDiscoveredFromTheResourceAndTheCallReplayedWithAToken() throws Exception {
        metadata(origin + "/api", origin);
        AuthorizedHttpClient api = api("https://other.example," + origin);
        assertTrue(tokens.awaitingResourceDiscovery());

        HttpResponse<String> response = api.send(get(), BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(2, server.count("/api/orders"));
        assertNull(server.requests("/api/orders").get(0).header("Authorization"));
        assertEquals("Bearer tok-1", server.last("/api/orders").header("Authorization"));
        assertFalse(tokens.awaitingResourceDiscovery());
        assertEquals(1, server.count("/token"));
    }

    @Test
    void issuerNotOnTheAllowListIsRefusedAndNothingIsConfigured() {
        metadata(origin + "/api", "https://evil.example");
        AuthorizedHttpClient api = api(origin);

        assertThrows(TokenClientException.class, () -> api.send(get(), BodyHandlers.ofString()));

        assertTrue(tokens.awaitingResourceDiscovery());
        assertEquals(0, server.count("/.well-known/oauth-authorization-server"));
        assertEquals(0, server.count("/token"));
    }

    @Test
    void metadataForAnotherResourceIsRefused() {
        metadata(origin + "/elsewhere", origin);
        AuthorizedHttpClient api = api(origin);

        assertThrows(TokenClientException.class, () -> api.send(get(), BodyHandlers.ofString()));
        assertTrue(tokens.awaitingResourceDiscovery());
    }

    @Test
    void resourceThatIsAPrefixButNotOnASegmentBoundaryIsRefused() {
        assertFalse(AuthorizationServerExchanges.coversRequest(origin + "/ap", server.uri("/api/orders")));
        assertTrue(AuthorizationServerExchanges.coversRequest(origin + "/api", server.uri("/api/orders")));
        assertTrue(AuthorizationServerExchanges.coversRequest(origin + "/api/orders",
                URI.create(origin + "/api/orders?q=1")));
        assertFalse(AuthorizationServerExchanges.coversRequest("https://other.example/api",
                server.uri("/api/orders")));
    }

    @Test
    void oversizeMetadataIsRefused() {
        String padding = "x".repeat(AuthorizationServerExchanges.MAX_RESOURCE_METADATA_BYTES);
        server.otherwise("/api/.well-known/oauth-protected-resource", r -> Answer.json(200, "{\"resource\":\""
                + origin + "/api\",\"authorization_servers\":[\"" + origin + "\"],\"pad\":\"" + padding + "\"}"));
        AuthorizedHttpClient api = api(origin);

        assertThrows(TokenClientException.class, () -> api.send(get(), BodyHandlers.ofString()));
        assertTrue(tokens.awaitingResourceDiscovery());
        assertEquals(0, server.count("/token"));
    }

    @Test
    void metadataUrlAtAnotherOriginIsNotFetched() {
        server.otherwise("/api/orders", r -> Answer.of(401, "").withHeader("WWW-Authenticate",
                "Bearer resource_metadata=\"https://evil.example/.well-known/oauth-protected-resource\""));
        AuthorizedHttpClient api = api(origin);

        assertThrows(TokenClientException.class, () -> api.send(get(), BodyHandlers.ofString()));
        assertTrue(tokens.awaitingResourceDiscovery());
    }

    @Test
    void withoutDiscoveryTheTokenEndpointIsRequired() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> TokenClients.builder()
                .name("mcp").clientId("svc").clientSecret("s").build());
        assertEquals("tollgate.client.mcp.token-url", e.key());
    }

    @Test
    void discoveryWithoutAllowListNamesTheIssuersKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> TokenClients.builder()
                .name("mcp").clientId("svc").clientSecret("s").set("resource-metadata-discovery", "true").build());
        assertEquals("tollgate.client.mcp.resource-metadata-issuers", e.key());
    }

    @Test
    void configuredClientIsNeverReconfiguredByAResource() throws Exception {
        metadata(origin + "/api", origin);
        tokens = TokenClients.builder().name("mcp").clientId("svc").clientSecret(TestClients.SECRET)
                .tokenUrl(server.uri("/token"))
                .set("resource-metadata-discovery", "true").set("resource-metadata-issuers", origin)
                .clock(new MutableClock()).build();

        assertFalse(tokens.discoverFromResource(server.uri("/api/orders"),
                origin + "/api/.well-known/oauth-protected-resource"));
        assertEquals(0, server.count("/api/.well-known/oauth-protected-resource"));
    }
}
