package dev.tollgate.impl.client.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.client.DefaultTokenClient;
import dev.tollgate.impl.client.FakeServer;
import dev.tollgate.impl.client.FakeServer.Answer;
import dev.tollgate.impl.client.FakeServer.Recorded;
import dev.tollgate.impl.client.TokenClients;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JAX-RS filter with DPoP (RFC 9449 §7, §9) and RFC 9728 discovery. */
class DpopClientFilterTest {

    private static final Answer USE_NONCE = Answer.of(401, "")
            .withHeader("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", algs=\"ES256\"")
            .withHeader("DPoP-Nonce", "rs-nonce");

    private FakeServer server;
    private DefaultTokenClient tokens;
    private Client client;

    @BeforeEach
    void start() {
        server = FakeServer.start();
        AtomicInteger n = new AtomicInteger();
        server.otherwise("/token", r -> Answer.json(200, "{\"access_token\":\"dtok-" + n.incrementAndGet()
                + "\",\"token_type\":\"DPoP\",\"expires_in\":3600}"));
        tokens = TokenClients.builder().name("api").tokenUrl(server.uri("/token")).clientId("svc")
                .clientSecret("secret").set("dpop.enabled", "true").build();
        client = ClientBuilder.newClient().register(new BearerClientFilter(tokens));
    }

    @AfterEach
    void stop() {
        client.close();
        tokens.close();
        server.close();
    }

    private static JWTClaimsSet proof(Recorded r) throws Exception {
        return SignedJWT.parse(r.header("DPoP")).getJWTClaimsSet();
    }

    @Test
    void everyCallCarriesTheDpopSchemeAndItsOwnProof() throws Exception {
        server.otherwise("/api", r -> Answer.of(200, "ok"));

        try (Response a = client.target(server.uri("/api?page=1")).request().get();
             Response b = client.target(server.uri("/api")).request().post(Entity.text("x"))) {
            assertEquals(200, a.getStatus());
            assertEquals(200, b.getStatus());
        }

        List<Recorded> calls = server.requests("/api");
        assertEquals("DPoP dtok-1", calls.get(0).header("Authorization"));
        assertEquals("GET", proof(calls.get(0)).getStringClaim("htm"));
        assertEquals(server.uri("/api").toString(), proof(calls.get(0)).getStringClaim("htu"));
        assertEquals("POST", proof(calls.get(1)).getStringClaim("htm"));
        assertEquals(proof(calls.get(0)).getStringClaim("ath"), proof(calls.get(1)).getStringClaim("ath"));
        assertNotEquals(proof(calls.get(0)).getJWTID(), proof(calls.get(1)).getJWTID());
    }

    @Test
    void useDpopNonceIsReplayedOnceWithTheNonceAndTheSameToken() throws Exception {
        server.enqueue("/api", USE_NONCE);
        server.otherwise("/api", r -> Answer.of(200, "ok"));

        try (Response response = client.target(server.uri("/api")).request().post(Entity.text("body"))) {
            assertEquals(200, response.getStatus());
            assertEquals("ok", response.readEntity(String.class));
        }

        List<Recorded> calls = server.requests("/api");
        assertEquals(2, calls.size());
        assertNull(proof(calls.get(0)).getClaim("nonce"));
        assertEquals("rs-nonce", proof(calls.get(1)).getStringClaim("nonce"));
        assertEquals("DPoP dtok-1", calls.get(1).header("Authorization"));
        assertEquals("body", calls.get(1).body());
        assertEquals(1, calls.get(1).headers().get("dpop").size());
        assertEquals(1, server.count("/token"));
    }

    @Test
    void useDpopNonceEveryTimeIsNotALoop() {
        server.otherwise("/api", r -> USE_NONCE);

        try (Response response = client.target(server.uri("/api")).request().get()) {
            assertEquals(401, response.getStatus());
        }

        assertEquals(2, server.count("/api"));
    }
}
