package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.testing.HostileToken;
import dev.tollgate.impl.testing.LogCapture;
import dev.tollgate.impl.testing.StubServer;
import dev.tollgate.impl.testing.StubServer.Response;
import dev.tollgate.impl.testing.TestClock;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several trusted issuers at once: the token's {@code iss} picks the issuer, with its own keys, audience and claim
 * paths, before any key is looked up. Issuer A is the test issuer with the trusted test keys; issuer B stands for a
 * Keycloak realm, signing with the rogue test key, which only its own JWK set holds.
 */
class IssuerRoutingTest {

    static final String A = TestTokens.ISSUER;
    static final String B = "https://kc.example/realms/b";

    final StubServer server = new StubServer()
            .on("/a/jwks", Response.json(TestKeys.get().trustedPublicJwksJson()))
            .on("/b/jwks", Response.json(new JWKSet(TestKeys.get().rogue().toPublicJWK()).toString()));
    final TestClock clock = TestClock.now();

    @AfterEach
    void stop() {
        server.close();
    }

    Verifier verifier(String... extra) {
        Map<String, String> keys = TestConfigs.map(
                "issuer", A, "jwks-uri", server.uri("/a/jwks").toString(), "audience", TestTokens.AUDIENCE,
                "issuers.b.issuer", B, "issuers.b.jwks-uri", server.uri("/b/jwks").toString(),
                "issuers.b.audience", "account",
                "issuers.b.roles-claims", "realm_access.roles, resource_access.{client}.roles",
                "issuers.b.client-id", "orders-api");
        keys.putAll(TestConfigs.map(extra));
        return Verifier.create(GateConfig.from(TestConfigs.settings(keys)), GateServices.none(), clock);
    }

    TestTokens.Builder tokenOfA() {
        return TestTokens.token(TestKeys.get(), clock.instant());
    }

    /** As Keycloak shapes its access tokens: roles in realm_access and resource_access, audience account. */
    TestTokens.Builder tokenOfB() {
        return TestTokens.token(TestKeys.get(), clock.instant()).key(TestKeys.ROGUE).issuer(B).audience("account")
                .without("client_id").claim("azp", "orders-api").scope("openid email profile")
                .claim("realm_access", Map.of("roles", List.of("offline_access", "admin")))
                .claim("resource_access", Map.of("orders-api", Map.of("roles", List.of("orders-admin")),
                        "account", Map.of("roles", List.of("manage-account"))));
    }

    static MACSigner hmacSigner() {
        try {
            return new MACSigner(new byte[64]);
        } catch (KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    static VerificationResult verify(Verifier verifier, String token) {
        return verifier.verify(new Credentials.Bearer(token));
    }

    static ProblemType problemOf(VerificationResult result) {
        return assertInstanceOf(Failure.class, result).problem();
    }

    @Test
    void eachIssuersTokensAreVerifiedWithItsOwnKeysAndClaimPaths() {
        Verifier verifier = verifier();

        Caller a = assertInstanceOf(Success.class, verify(verifier, tokenOfA().roles("reader").sign())).caller();
        Caller b = assertInstanceOf(Success.class, verify(verifier, tokenOfB().roles("ignored").sign())).caller();

        assertEquals(Set.of("reader"), a.roles());
        assertEquals(Set.of("offline_access", "admin", "orders-admin"), b.roles(), "B's own claim paths");
        assertEquals(Set.of("openid", "email", "profile"), b.scopes());
        assertEquals("orders-api", b.clientId().orElseThrow());
        assertEquals(1, server.hits("/a/jwks"));
        assertEquals(1, server.hits("/b/jwks"));
    }

    @Test
    void unknownIssuerIsRefusedWithoutAnyNetworkCall() {
        Verifier verifier = verifier();

        for (int i = 0; i < 5; i++) {
            assertEquals(ProblemType.TOKEN_ISSUER, problemOf(verify(verifier,
                    HostileToken.FOREIGN_REALM.token(TestKeys.get(), clock.instant()))));
            assertEquals(ProblemType.TOKEN_ISSUER, problemOf(verify(verifier, tokenOfB().issuer(B + "-other")
                    .keyId("unknown-kid-" + i).signer(TestKeys.get().signer(TestKeys.ROGUE)).sign())));
        }

        assertEquals(0, server.totalHits(), "no JWK set was fetched, let alone refetched");
    }

    @Test
    void unknownIssuerDoesNotRefetchKeysAlreadyFetched() {
        Verifier verifier = verifier("jwks-refresh-cooldown", "1ms");
        assertInstanceOf(Success.class, verify(verifier, tokenOfA().sign()));
        clock.advance(Duration.ofSeconds(1));

        assertEquals(ProblemType.TOKEN_ISSUER, problemOf(verify(verifier,
                HostileToken.FOREIGN_REALM.token(TestKeys.get(), clock.instant()))));

        assertEquals(1, server.totalHits());
    }

    @Test
    void tokenWithoutIssuerIsRefusedForItsIssuer() {
        assertEquals(ProblemType.TOKEN_ISSUER, problemOf(verify(verifier(), tokenOfA().without("iss").sign())));
        assertEquals(0, server.totalHits());
    }

    @Test
    void unknownIssuerIsLoggedAtFineWithoutTheToken() {
        String token = tokenOfA().issuer("https://evil.example/\u0007x").sign();
        try (LogCapture logs = new LogCapture()) {
            verify(verifier(), token);

            assertTrue(logs.has(Level.FINE, "iss 'https://evil.example/?x' is not a trusted issuer"), logs.all());
            assertFalse(logs.all().contains(token.substring(token.lastIndexOf('.') + 1)), "the token is not logged");
        }
    }

    @Test
    void algNoneIsRefusedForItsAlgorithmBeforeAnything() {
        assertEquals(ProblemType.TOKEN_ALGORITHM, problemOf(verify(verifier(),
                HostileToken.ALG_NONE.token(TestKeys.get(), clock.instant()))));
        assertEquals(0, server.totalHits());
    }

    @Test
    void algorithmOnNoIssuersAllowListIsRefusedForItBeforeTheIssuer() {
        String token = tokenOfA().issuer("https://unknown.example").algorithm(JWSAlgorithm.HS512)
                .signer(hmacSigner()).sign();

        assertEquals(ProblemType.TOKEN_ALGORITHM, problemOf(verify(verifier(), token)));
        assertEquals(0, server.totalHits());
    }

    @Test
    void aKeyOfOneIssuerDoesNotVerifyTokensOfTheOther() {
        Verifier verifier = verifier();

        assertEquals(ProblemType.TOKEN_UNKNOWN_KEY, problemOf(verify(verifier, tokenOfA().key(TestKeys.ROGUE)
                .sign())), "B's key, A's iss");
        assertEquals(ProblemType.TOKEN_UNKNOWN_KEY, problemOf(verify(verifier, tokenOfB().key(TestKeys.RSA)
                .sign())), "A's key, B's iss");
    }

    @Test
    void eachIssuerChecksItsOwnAudience() {
        Verifier verifier = verifier();

        assertEquals(ProblemType.TOKEN_AUDIENCE, problemOf(verify(verifier, tokenOfB().audience(TestTokens.AUDIENCE)
                .sign())));
        assertEquals(ProblemType.TOKEN_AUDIENCE, problemOf(verify(verifier, tokenOfA().audience("account")
                .sign())));
    }

    @Test
    void issuerWithIntrospectionOnlyHasItsJwtsIntrospected() {
        server.on("/introspect", Response.json("{\"active\":true,\"sub\":\"carol\",\"iss\":\"" + B
                + "\",\"aud\":[\"account\"],\"exp\":" + clock.instant().plusSeconds(300).getEpochSecond() + "}"));
        Verifier verifier = Verifier.create(GateConfig.from(TestConfigs.settings(
                "issuers.b.issuer", B, "issuers.b.discovery", "false", "issuers.b.audience", "account",
                "issuers.b.introspection.endpoint", server.uri("/introspect").toString(),
                "issuers.b.introspection.client-id", "gate", "issuers.b.introspection.client-secret", "s")),
                GateServices.none(), clock);

        Caller carol = assertInstanceOf(Success.class, verify(verifier, tokenOfB().sign())).caller();

        assertEquals("carol", carol.subject());
        assertEquals(1, server.hits("/introspect"));
        assertEquals(0, server.hits("/b/jwks"));
        assertEquals(ProblemType.TOKEN_ISSUER, problemOf(verify(verifier, tokenOfA().sign())));
        assertEquals(1, server.hits("/introspect"), "a JWT of an issuer nobody trusts is not introspected");
    }

    @Test
    void opaqueTokensGoToTheOneIntrospectionEndpoint() {
        server.on("/introspect", Response.json("{\"active\":true,\"sub\":\"dave\",\"iss\":\"" + B
                + "\",\"aud\":\"account\"}"));
        Verifier verifier = verifier("issuers.b.introspection.endpoint", server.uri("/introspect").toString(),
                "issuers.b.introspection.client-id", "gate", "issuers.b.introspection.client-secret", "s");

        assertEquals("dave", assertInstanceOf(Success.class, verify(verifier, "opaque-token-1")).caller()
                .subject());
    }
}
