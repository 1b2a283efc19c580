package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.TokenClientException;
import dev.tollgate.impl.client.FakeServer.Answer;
import dev.tollgate.impl.client.FakeServer.Recorded;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.protocol.GrantType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 9126: the authorization-code helper pushes its request, then redirects with client_id and request_uri. */
class PushedAuthorizationRequestTest {

    private static final String REDIRECT = "https://app.example/callback";
    private static final Answer PUSHED = Answer.json(201,
            "{\"request_uri\":\"urn:ietf:params:oauth:request_uri:abc\",\"expires_in\":60}");

    private FakeServer server;
    private AuthorizationCodeFlow flow;

    @BeforeEach
    void start() {
        server = FakeServer.start();
    }

    @AfterEach
    void stop() {
        if (flow != null) {
            flow.close();
        }
        server.close();
    }

    private TokenClients.Builder builder() {
        return TokenClients.builder().name("web").grantType(GrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT)
                .clientId("web-app").clientSecret("web-secret")
                .scope("orders:read")
                .clock(new MutableClock());
    }

    /** Metadata at the issuer (the fake server's root), with or without a PAR endpoint. */
    private TokenClients.Builder discovering(boolean advertisesPar) {
        String issuer = server.uri("").toString();
        String par = advertisesPar ? ",\"pushed_authorization_request_endpoint\":\"" + server.uri("/par") + "\"" : "";
        server.otherwise("/.well-known/oauth-authorization-server", r -> Answer.json(200, "{\"issuer\":\"" + issuer
                + "\",\"authorization_endpoint\":\"" + server.uri("/authorize") + "\",\"token_endpoint\":\""
                + server.uri("/token") + "\"" + par + "}"));
        return builder().issuer(issuer);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void advertisedParIsUsedAndTheRedirectCarriesOnlyClientIdAndRequestUri() {
        server.enqueue("/par", PUSHED);
        flow = discovering(true).buildAuthorizationCodeFlow(new InMemoryUserTokenStore());

        AuthorizationCodeFlow.AuthorizationRequest request = flow.start("alice");

        assertEquals(Map.of("client_id", "web-app", "request_uri", "urn:ietf:params:oauth:request_uri:abc"),
                query(request.uri()));
        assertTrue(request.uri().toString().startsWith(server.uri("/authorize") + "?"));
        Recorded pushed = server.last("/par");
        assertEquals("POST", pushed.method());
        assertTrue(pushed.header("Authorization").startsWith("Basic "));
        Map<String, String> form = pushed.form();
        assertEquals("code", form.get("response_type"));
        assertEquals(REDIRECT, form.get("redirect_uri"));
        assertEquals("S256", form.get("code_challenge_method"));
        assertNotNull(form.get("code_challenge"));
        assertEquals(request.state(), form.get("state"));
        assertEquals("orders:read", form.get("scope"));
    }

    @Test
    void withoutAdvertisedParTheRequestGoesInTheUrl() {
        flow = discovering(false).buildAuthorizationCodeFlow(new InMemoryUserTokenStore());

        Map<String, String> q = query(flow.start("alice").uri());

        assertEquals("code", q.get("response_type"));
        assertEquals(0, server.count("/par"));
    }

    @Test
    void parNeverIgnoresTheAdvertisedEndpoint() {
        flow = discovering(true).set("par", "never").buildAuthorizationCodeFlow(new InMemoryUserTokenStore());

        assertEquals("code", query(flow.start("alice").uri()).get("response_type"));
        assertEquals(0, server.count("/par"));
    }

    @Test
    void parAlwaysWithAConfiguredEndpoint() {
        server.enqueue("/par", PUSHED);
        flow = builder().authorizationUrl(server.uri("/authorize").toString()).tokenUrl(server.uri("/token"))
                .set("par", "always").set("par-url", server.uri("/par").toString())
                .buildAuthorizationCodeFlow(new InMemoryUserTokenStore());

        assertEquals("urn:ietf:params:oauth:request_uri:abc", query(flow.start("alice").uri()).get("request_uri"));
        assertEquals(1, server.count("/par"));
    }

    @Test
    void parAlwaysWhenTheServerAdvertisesNoneIsAClearError() {
        flow = discovering(false).set("par", "always").buildAuthorizationCodeFlow(new InMemoryUserTokenStore());

        assertThrows(TokenClientException.class, () -> flow.start("alice"));
        assertEquals(0, server.count("/par"));
    }

    @Test
    void parAlwaysWithoutEndpointOrIssuerIsAConfigurationError() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> builder()
                .authorizationUrl(server.uri("/authorize").toString()).tokenUrl(server.uri("/token"))
                .set("par", "always").buildAuthorizationCodeFlow(new InMemoryUserTokenStore()));
        assertEquals("tollgate.client.web.par-url", e.key());
    }

    @Test
    void refusedPushCarriesTheServersError() {
        server.enqueue("/par", Answer.error(400, "invalid_request", "bad"));
        flow = discovering(true).buildAuthorizationCodeFlow(new InMemoryUserTokenStore());

        TokenClientException e = assertThrows(TokenClientException.class, () -> flow.start("alice"));
        assertEquals(Optional.of("invalid_request"), e.error());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void pushWithDpopCarriesAProofForThePushEndpoint() throws Exception {
        server.enqueue("/par", PUSHED);
        flow = discovering(true).set("dpop.enabled", "true").buildAuthorizationCodeFlow(new InMemoryUserTokenStore());

        flow.start("alice");

        String proof = server.last("/par").header("DPoP");
        assertEquals(server.uri("/par").toString(),
                com.nimbusds.jwt.SignedJWT.parse(proof).getJWTClaimsSet().getStringClaim("htu"));
    }
}
