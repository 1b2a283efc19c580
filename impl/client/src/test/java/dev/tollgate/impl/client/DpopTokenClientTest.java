package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.error.TokenClientException;
import dev.tollgate.impl.client.FakeServer.Answer;
import dev.tollgate.impl.client.FakeServer.Recorded;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DPoP (RFC 9449) and private_key_jwt (RFC 7523) at the token endpoint, and DPoP at a resource server. */
class DpopTokenClientTest {

    private static final Answer USE_NONCE_AT_AS = Answer.error(400, "use_dpop_nonce", "nonce needed")
            .withHeader("DPoP-Nonce", "as-nonce-1");
    private static final Answer USE_NONCE_AT_RS = Answer.of(401, "")
            .withHeader("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"nonce\"")
            .withHeader("DPoP-Nonce", "rs-nonce-1");

    private FakeServer server;
    private final MutableClock clock = new MutableClock();
    private DefaultTokenClient tokens;

    @BeforeEach
    void start() {
        server = FakeServer.start();
        AtomicInteger n = new AtomicInteger();
        server.otherwise("/token", r -> Answer.json(200, "{\"access_token\":\"dtok-" + n.incrementAndGet()
                + "\",\"token_type\":\"DPoP\",\"expires_in\":3600}"));
    }

    @AfterEach
    void stop() {
        if (tokens != null) {
            tokens.close();
        }
        server.close();
    }

    private DefaultTokenClient dpopClient() {
        tokens = TestClients.confidential(server, clock).set("dpop.enabled", "true").build();
        return tokens;
    }

    private DefaultTokenClient privateKeyJwtClient() {
        tokens = TestClients.confidential(server, clock)
                .clientSecret(null)
                .issuer("https://issuer.example")
                .set("auth-method", "private_key_jwt")
                .set("client-assertion.key-file", SigningKeyTest.fixture("rsa-2048.pem"))
                .set("client-assertion.key-id", "svc-key-1")
                .set("client-assertion.algorithm", "PS256")
                .set("dpop.enabled", "true")
                .build();
        return tokens;
    }

    private static JWTClaimsSet claims(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet();
    }

    @Test
    void tokenRequestCarriesAProofAndTheDpopTokenIsKeptAsDpop() throws Exception {
        AccessToken token = dpopClient().accessToken();

        assertEquals("DPoP", token.tokenType());
        assertEquals("DPoP dtok-1", token.authorizationHeader());
        SignedJWT proof = SignedJWT.parse(server.last("/token").header("DPoP"));
        assertTrue(proof.verify(new ECDSAVerifier((ECKey) proof.getHeader().getJWK())));
        assertEquals("POST", proof.getJWTClaimsSet().getStringClaim("htm"));
        assertEquals(server.uri("/token").toString(), proof.getJWTClaimsSet().getStringClaim("htu"));
        assertNull(proof.getJWTClaimsSet().getClaim("ath"));
    }

    @Test
    void withoutDpopADpopTokenTypeIsRefused() {
        tokens = TestClients.confidential(server, clock).build();
        TokenClientException e = assertThrows(TokenClientException.class, tokens::accessToken);
        assertEquals(200, e.httpStatus());
        assertNull(server.last("/token").header("DPoP"));
    }

    @Test
    void serverThatIgnoresTheProofGivesABearerTokenUsedAsBearer() {
        server.enqueue("/token", Answer.token("plain", 3600L));
        AccessToken token = dpopClient().accessToken();
        assertEquals("Bearer plain", token.authorizationHeader());
    }

    @Test
    void useDpopNonceAtTheTokenEndpointIsRetriedOnceWithTheNonce() throws Exception {
        server.enqueue("/token", USE_NONCE_AT_AS);

        assertEquals("dtok-1", dpopClient().accessToken().value());

        List<Recorded> calls = server.requests("/token");
        assertEquals(2, calls.size());
        assertNull(claims(calls.get(0).header("DPoP")).getClaim("nonce"));
        assertEquals("as-nonce-1", claims(calls.get(1).header("DPoP")).getStringClaim("nonce"));
        assertNotEquals(claims(calls.get(0).header("DPoP")).getJWTID(), claims(calls.get(1).header("DPoP")).getJWTID());
    }

    @Test
    void useDpopNonceAgainIsNotALoop() {
        server.otherwise("/token", r -> USE_NONCE_AT_AS);

        TokenClientException e = assertThrows(TokenClientException.class, dpopClient()::accessToken);

        assertEquals(java.util.Optional.of("use_dpop_nonce"), e.error());
        assertEquals(400, e.httpStatus());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void privateKeyJwtSendsASignedAssertionAndNoSecret() throws Exception {
        privateKeyJwtClient().accessToken();

        Recorded request = server.last("/token");
        Map<String, String> form = request.form();
        assertNull(request.header("Authorization"));
        assertNull(form.get("client_secret"));
        assertEquals("svc", form.get("client_id"));
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertEquals(JWSAlgorithm.PS256, assertion.getHeader().getAlgorithm());
        assertEquals("svc-key-1", assertion.getHeader().getKeyID());
        JWTClaimsSet c = assertion.getJWTClaimsSet();
        assertEquals("svc", c.getIssuer());
        assertEquals("svc", c.getSubject());
        assertEquals(List.of("https://issuer.example"), c.getAudience());
        assertNotNull(c.getJWTID());
        assertEquals(Duration.ofSeconds(60),
                Duration.between(c.getIssueTime().toInstant(), c.getExpirationTime().toInstant()));
        assertNotNull(request.header("DPoP"));
    }

    @Test
    void everyAssertionHasItsOwnJtiAlsoOnTheNonceRetry() throws Exception {
        server.enqueue("/token", USE_NONCE_AT_AS);
        privateKeyJwtClient().accessToken();

        List<Recorded> calls = server.requests("/token");
        assertNotEquals(claims(calls.get(0).form().get("client_assertion")).getJWTID(),
                claims(calls.get(1).form().get("client_assertion")).getJWTID());
    }

    @Test
    void privateKeyJwtWithoutKeyNamesTheKeyFileKey() {
        dev.tollgate.impl.config.ConfigurationException e = assertThrows(
                dev.tollgate.impl.config.ConfigurationException.class, () -> TestClients.confidential(server, clock)
                        .clientSecret(null).set("auth-method", "private_key_jwt").build());
        assertEquals("tollgate.client.test.client-assertion.key-file", e.key());
    }

    // ----- resource server, java.net.http helper

    private AuthorizedHttpClient api() {
        return new AuthorizedHttpClient(HttpClient.newHttpClient(), dpopClient());
    }

    private HttpRequest get() {
        return HttpRequest.newBuilder(server.uri("/api/orders?page=2")).GET().build();
    }

    @Test
    void apiCallCarriesTheDpopSchemeAndAProofWithAth() throws Exception {
        server.otherwise("/api/orders", r -> Answer.of(200, "ok"));

        assertEquals(200, api().send(get(), BodyHandlers.ofString()).statusCode());

        Recorded call = server.last("/api/orders");
        assertEquals("DPoP dtok-1", call.header("Authorization"));
        JWTClaimsSet proof = claims(call.header("DPoP"));
        assertEquals("GET", proof.getStringClaim("htm"));
        assertEquals(server.uri("/api/orders").toString(), proof.getStringClaim("htu"));
        assertEquals(tokens.dpop().orElseThrow().ath("dtok-1"), proof.getStringClaim("ath"));
    }

    @Test
    void useDpopNonceAtTheResourceIsReplayedOnceWithTheSameTokenAndTheNonce() throws Exception {
        server.enqueue("/api/orders", USE_NONCE_AT_RS);
        server.otherwise("/api/orders", r -> Answer.of(200, "ok"));

        HttpResponse<String> response = api().send(get(), BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        List<Recorded> calls = server.requests("/api/orders");
        assertEquals(2, calls.size());
        assertEquals("DPoP dtok-1", calls.get(1).header("Authorization"));
        assertEquals("rs-nonce-1", claims(calls.get(1).header("DPoP")).getStringClaim("nonce"));
        assertEquals(1, server.count("/token"));
        // the resource server's nonce is not sent to the authorization server
        assertEquals(java.util.Optional.empty(), tokens.dpop().orElseThrow().nonce(server.uri("/token")
                .resolve("//as.invalid/token")));
    }

    @Test
    void useDpopNonceAgainAtTheResourceReachesTheCaller() throws Exception {
        server.otherwise("/api/orders", r -> USE_NONCE_AT_RS);

        HttpResponse<String> response = api().send(get(), BodyHandlers.ofString());

        assertEquals(401, response.statusCode());
        assertEquals(2, server.count("/api/orders"));
        assertEquals(1, server.count("/token"));
    }

    @Test
    void dpopNonceOnASuccessIsRememberedForTheNextCall() throws Exception {
        server.enqueue("/api/orders", Answer.of(200, "ok").withHeader("DPoP-Nonce", "fresh"));
        server.otherwise("/api/orders", r -> Answer.of(200, "ok"));
        AuthorizedHttpClient api = api();

        api.send(get(), BodyHandlers.ofString());
        api.send(get(), BodyHandlers.ofString());

        assertEquals("fresh", claims(server.last("/api/orders").header("DPoP")).getStringClaim("nonce"));
    }

    @Test
    void rejectedDpopTokenIsReplacedAndReplayedOnce() throws Exception {
        server.enqueue("/api/orders", Answer.of(401, "")
                .withHeader("WWW-Authenticate", "DPoP error=\"invalid_token\""));
        server.otherwise("/api/orders", r -> Answer.of(200, "ok"));

        assertEquals(200, api().send(get(), BodyHandlers.ofString()).statusCode());
        assertEquals("DPoP dtok-2", server.last("/api/orders").header("Authorization"));
        assertEquals(2, server.count("/token"));
    }
}
