package dev.tollgate.impl.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.gate.GateConfig;
import dev.tollgate.impl.testing.RecordingObserver;
import dev.tollgate.impl.testing.StubServer;
import dev.tollgate.impl.testing.StubServer.Response;
import dev.tollgate.impl.testing.TestClock;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opaque tokens, introspected against a JDK HttpServer standing in for the authorization server. */
class OpaqueTokenVerifierTest {

    static final String TOKEN = "2YotnFZFEjr1zCsicMWpAA";

    final StubServer server = new StubServer();
    final TestClock clock = TestClock.now();

    @AfterEach
    void stop() {
        server.close();
    }

    OpaqueTokenVerifier verifier(String... extra) {
        Map<String, String> keys = TestConfigs.map("introspection.endpoint", server.uri("/introspect").toString(),
                "introspection.client-id", "gate client", "introspection.client-secret", "s3cr:t&",
                "http-read-timeout", "500ms");
        keys.putAll(TestConfigs.map(extra));
        GateConfig config = GateConfig.from(TestConfigs.settings(keys));
        return new OpaqueTokenVerifier(config.introspection().orElseThrow(),
                new CallerMapper(config.claims()), config.tokenCacheSize(), config.clockSkew(), clock);
    }

    String active(Duration expiresIn) {
        return "{\"active\":true,\"sub\":\"alice\",\"client_id\":\"app\",\"scope\":\"read write\","
                + "\"groups\":[\"ops\"],\"jti\":\"j-1\",\"exp\":" + clock.instant().plus(expiresIn).getEpochSecond()
                + "}";
    }

    @Test
    void activeTokenBecomesAnOpaqueTokenCaller() {
        server.on("/introspect", Response.json(active(Duration.ofMinutes(10))));

        Success success = assertInstanceOf(Success.class, verifier().verify(TOKEN));
        Caller caller = success.caller();

        assertEquals("alice", caller.subject());
        assertEquals("app", caller.clientId().orElseThrow());
        assertEquals(Set.of("read", "write"), caller.scopes());
        assertEquals(Set.of("ops"), caller.roles(), "scopes are not roles by default");
        assertEquals(CredentialKind.OPAQUE_TOKEN, caller.credentialKind());
        assertEquals(clock.instant().plus(Duration.ofMinutes(10)), caller.expiresAt().orElseThrow());
        assertEquals("j-1", success.tokenId());
    }

    @Test
    void requestIsAFormPostWithClientSecretBasic() {
        server.on("/introspect", Response.json(active(Duration.ofMinutes(10))));

        verifier().verify(TOKEN);

        StubServer.Request request = server.requests().get(0);
        assertEquals("POST", request.method());
        assertTrue(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        assertEquals("token=" + TOKEN + "&token_type_hint=access_token", request.body());
        String credentials = new String(Base64.getDecoder().decode(request.header("Authorization").substring(6)),
                StandardCharsets.UTF_8);
        assertEquals("gate+client:s3cr%3At%26", credentials, "RFC 6749 §2.3.1: form-encoded, then Basic");
        assertEquals("gate client", URLDecoder.decode(credentials.split(":")[0], StandardCharsets.UTF_8));
    }

    @Test
    void inactiveTokenIsRefusedAsInactive() {
        server.on("/introspect", Response.json("{\"active\":false}"));

        assertEquals(ProblemType.TOKEN_INACTIVE,
                assertInstanceOf(Failure.class, verifier().verify(TOKEN)).problem());
    }

    @Test
    void activeThatIsNotTheJsonLiteralTrueIsInactive() {
        server.on("/introspect", Response.json("{\"active\":\"true\",\"sub\":\"alice\"}"));

        assertEquals(ProblemType.TOKEN_INACTIVE,
                assertInstanceOf(Failure.class, verifier().verify(TOKEN)).problem());
    }

    @Test
    void activeAnswerWithAPastExpiryIsExpired() {
        server.on("/introspect", Response.json(active(Duration.ofMinutes(-5))));

        assertEquals(ProblemType.TOKEN_EXPIRED, assertInstanceOf(Failure.class, verifier().verify(TOKEN)).problem());
    }

    @Test
    void activeAnswerWithoutSubjectUsesUsernameOrClientId() {
        server.on("/introspect", Response.json("{\"active\":true,\"client_id\":\"svc\"}"));

        assertEquals("svc", assertInstanceOf(Success.class, verifier().verify(TOKEN)).caller().subject());
    }

    @Test
    void activeAnswerNamingNobodyIsRefusedForItsClaims() {
        server.on("/introspect", Response.json("{\"active\":true}"));

        assertEquals(ProblemType.TOKEN_CLAIMS, assertInstanceOf(Failure.class, verifier().verify(TOKEN)).problem());
    }

    @Test
    void activeAnswerIsCachedUpToMaxCache() {
        server.on("/introspect", Response.json(active(Duration.ofHours(1))));
        OpaqueTokenVerifier verifier = verifier("introspection.max-cache", "5m");

        verifier.verify(TOKEN);
        clock.advance(Duration.ofMinutes(4));
        verifier.verify(TOKEN);
        assertEquals(1, server.hits("/introspect"));

        clock.advance(Duration.ofMinutes(2));
        verifier.verify(TOKEN);
        assertEquals(2, server.hits("/introspect"));
    }

    @Test
    void activeAnswerIsNotCachedPastTheTokensExpiry() {
        server.on("/introspect", Response.json(active(Duration.ofMinutes(1))));
        OpaqueTokenVerifier verifier = verifier("introspection.max-cache", "5m", "clock-skew", "0s");

        assertInstanceOf(Success.class, verifier.verify(TOKEN));
        clock.advance(Duration.ofSeconds(61));
        server.on("/introspect", Response.json("{\"active\":false}"));

        assertEquals(ProblemType.TOKEN_INACTIVE, assertInstanceOf(Failure.class, verifier.verify(TOKEN)).problem());
        assertEquals(2, server.hits("/introspect"));
    }

    @Test
    void inactiveAnswerIsCachedForInactiveCache() {
        server.on("/introspect", Response.json("{\"active\":false}"));
        OpaqueTokenVerifier verifier = verifier("introspection.inactive-cache", "10s");

        verifier.verify(TOKEN);
        clock.advance(Duration.ofSeconds(9));
        verifier.verify(TOKEN);
        assertEquals(1, server.hits("/introspect"));

        clock.advance(Duration.ofSeconds(2));
        verifier.verify(TOKEN);
        assertEquals(2, server.hits("/introspect"));
    }

    @Test
    void zeroCachesAskEveryTime() {
        server.on("/introspect", Response.json(active(Duration.ofHours(1))));
        OpaqueTokenVerifier verifier = verifier("introspection.max-cache", "0s");

        verifier.verify(TOKEN);
        verifier.verify(TOKEN);

        assertEquals(2, server.hits("/introspect"));
    }

    @Test
    void differentTokensAreCachedSeparately() {
        server.on("/introspect", Response.json(active(Duration.ofHours(1))));
        OpaqueTokenVerifier verifier = verifier();

        verifier.verify("token-a");
        verifier.verify("token-b");
        verifier.verify("token-a");

        assertEquals(2, server.hits("/introspect"));
    }

    @Test
    void serverErrorIsUnavailableAndNotCached() {
        server.on("/introspect", Response.status(503));
        OpaqueTokenVerifier verifier = verifier();

        assertInstanceOf(VerificationResult.Unavailable.class, verifier.verify(TOKEN));
        server.on("/introspect", Response.json(active(Duration.ofHours(1))));

        assertInstanceOf(Success.class, verifier.verify(TOKEN));
    }

    @Test
    void refusedClientCredentialsAreUnavailableNotTheCallersFault() {
        server.on("/introspect", Response.status(401));

        assertInstanceOf(VerificationResult.Unavailable.class, verifier().verify(TOKEN));
    }

    @Test
    void nonJsonAnswerIsUnavailable() {
        server.on("/introspect", new Response(200, "text/html", "<html/>"));

        assertInstanceOf(VerificationResult.Unavailable.class, verifier().verify(TOKEN));
    }

    /** Nimbus reads the JSON literal null as a null map: once a NullPointerException (see RequestBody). */
    @Test
    void answerThatIsJsonNullIsUnavailable() {
        server.on("/introspect", Response.json("null"));

        assertInstanceOf(VerificationResult.Unavailable.class, verifier().verify(TOKEN));
    }

    @Test
    void whenAnOpaqueTokenIsLookedUpInTheCacheThenTheObserverIsToldOfEachHitAndMiss() {
        server.on("/introspect", Response.json(active(Duration.ofMinutes(10))));
        RecordingObserver observer = new RecordingObserver();
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.map(
                "introspection.endpoint", server.uri("/introspect").toString(), "introspection.client-id", "gate",
                "introspection.client-secret", "s")));
        OpaqueTokenVerifier verifier = new OpaqueTokenVerifier(config.introspection().orElseThrow(),
                new CallerMapper(config.claims()), 100, config.clockSkew(), clock, observer.supplier());

        assertInstanceOf(Success.class, verifier.verify(TOKEN));
        assertInstanceOf(Success.class, verifier.verify(TOKEN));
        clock.advance(Duration.ofMinutes(11));
        verifier.verify(TOKEN);

        assertEquals(List.of("introspection miss", "introspection hit", "introspection miss"), observer.events(),
                "an expired entry is a miss");
        assertEquals(2, server.hits("/introspect"));
    }

    @Test
    void whenTheIntrospectionCacheIsDisabledThenTheObserverIsNotTold() {
        server.on("/introspect", Response.json(active(Duration.ofMinutes(10))));
        RecordingObserver observer = new RecordingObserver();
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.map(
                "introspection.endpoint", server.uri("/introspect").toString(), "introspection.client-id", "gate",
                "introspection.client-secret", "s")));
        OpaqueTokenVerifier verifier = new OpaqueTokenVerifier(config.introspection().orElseThrow(),
                new CallerMapper(config.claims()), 0, config.clockSkew(), clock, observer.supplier());

        assertInstanceOf(Success.class, verifier.verify(TOKEN));
        assertInstanceOf(Success.class, verifier.verify(TOKEN));

        assertEquals(List.of(), observer.events());
        assertEquals(2, server.hits("/introspect"));
    }

    @Test
    void unreachableEndpointIsUnavailable() {
        Map<String, String> keys = TestConfigs.map("introspection.endpoint",
                StubServer.unreachable("/introspect").toString(), "introspection.client-id", "gate",
                "introspection.client-secret", "s");
        GateConfig config = GateConfig.from(TestConfigs.settings(keys));
        OpaqueTokenVerifier verifier = new OpaqueTokenVerifier(config.introspection().orElseThrow(),
                new CallerMapper(config.claims()), 100, config.clockSkew(), clock);

        assertInstanceOf(VerificationResult.Unavailable.class, verifier.verify(TOKEN));
    }

    @Test
    void endpointThatDoesNotAnswerWithinTheReadTimeoutIsUnavailable() {
        server.on("/introspect", Response.json(active(Duration.ofHours(1)))).hold();
        try {
            assertInstanceOf(VerificationResult.Unavailable.class, verifier().verify(TOKEN));

            assertEquals(1, server.hits("/introspect"), "the request was made");
            assertTrue(server.holding(), "and given up on before the endpoint answered");
        } finally {
            server.release();
        }
    }

    @Test
    void oversizedAnswerIsUnavailable() {
        server.on("/introspect", Response.json("{\"active\":true,\"sub\":\"" + "x".repeat(70_000) + "\"}"));

        assertInstanceOf(VerificationResult.Unavailable.class, verifier().verify(TOKEN));
    }

    // --- issuer and audience (the same keys as for JWTs) ---

    String activeFor(String iss, String audJson) {
        return "{\"active\":true,\"sub\":\"alice\"" + (iss == null ? "" : ",\"iss\":\"" + iss + "\"")
                + (audJson == null ? "" : ",\"aud\":" + audJson) + "}";
    }

    ProblemType problemOf(VerificationResult result) {
        return assertInstanceOf(Failure.class, result).problem();
    }

    @Test
    void answerForAnotherAudienceIsRefusedAsTokenAudience() {
        server.on("/introspect", Response.json(activeFor(null, "\"other-api\"")));

        assertEquals(ProblemType.TOKEN_AUDIENCE, problemOf(verifier("audience", "orders-api").verify(TOKEN)));
    }

    @Test
    void audienceMayBeAStringOrAnArray() {
        server.on("/introspect", Response.json(activeFor(null, "\"orders-api\"")));
        assertInstanceOf(Success.class, verifier("audience", "orders-api").verify(TOKEN));

        server.on("/introspect", Response.json(activeFor(null, "[\"account\",\"orders-api\"]")));
        assertInstanceOf(Success.class, verifier("audience", "orders-api, billing").verify("token-2"));

        server.on("/introspect", Response.json(activeFor(null, "[\"account\",\"other\"]")));
        assertEquals(ProblemType.TOKEN_AUDIENCE, problemOf(verifier("audience", "orders-api").verify("token-3")));
    }

    @Test
    void answerWithoutAudienceIsRefusedWhenOneIsConfiguredAndAcceptedOtherwise() {
        server.on("/introspect", Response.json(activeFor(null, null)));

        assertEquals(ProblemType.TOKEN_AUDIENCE, problemOf(verifier("audience", "orders-api").verify(TOKEN)));
        assertInstanceOf(Success.class, verifier().verify(TOKEN));
    }

    @Test
    void answerFromAnotherIssuerIsRefusedAsTokenIssuer() {
        server.on("/introspect", Response.json(activeFor("https://as.example/realms/other", null)));

        assertEquals(ProblemType.TOKEN_ISSUER, problemOf(verifier("issuer", "https://as.example/realms/a",
                "discovery", "false").verify(TOKEN)));
    }

    @Test
    void answerWithoutIssuerIsRefusedWhenOneIsConfigured() {
        server.on("/introspect", Response.json(activeFor(null, null)));

        assertEquals(ProblemType.TOKEN_ISSUER, problemOf(verifier("issuer", "https://as.example/realms/a",
                "discovery", "false").verify(TOKEN)));
    }

    @Test
    void answerOfTheConfiguredIssuerAndAudienceIsAccepted() {
        server.on("/introspect", Response.json(activeFor("https://as.example/realms/a", "[\"orders-api\"]")));

        assertInstanceOf(Success.class, verifier("issuer", "https://as.example/realms/a", "discovery", "false",
                "audience", "orders-api").verify(TOKEN));
    }

    @Test
    void issuerAndAudienceRefusalsAreReusedLikeAnInactiveAnswer() {
        server.on("/introspect", Response.json(activeFor(null, "\"other-api\"")));
        OpaqueTokenVerifier verifier = verifier("audience", "orders-api", "introspection.inactive-cache", "10s");

        verifier.verify(TOKEN);
        clock.advance(Duration.ofSeconds(9));
        assertEquals(ProblemType.TOKEN_AUDIENCE, problemOf(verifier.verify(TOKEN)));
        assertEquals(1, server.hits("/introspect"));

        clock.advance(Duration.ofSeconds(2));
        verifier.verify(TOKEN);
        assertEquals(2, server.hits("/introspect"));
    }

    @Test
    void answerNamingNobodyNamesTheMissingClaim() {
        server.on("/introspect", Response.json("{\"active\":true}"));

        Failure failure = assertInstanceOf(Failure.class, verifier().verify(TOKEN));

        assertEquals(ProblemType.TOKEN_CLAIMS, failure.problem());
        assertTrue(failure.description().contains("\"sub\""), failure.description());
    }

    @Test
    void cacheWhenFullKeepsATokenInUseInsteadOfEmptyingItself() {
        server.on("/introspect", Response.json(active(Duration.ofHours(1))));
        OpaqueTokenVerifier verifier = verifier("token-cache-size", "3");
        verifier.verify("in-use");
        verifier.verify("in-use");

        for (int i = 0; i < 10; i++) {
            verifier.verify("once-" + i);
        }
        verifier.verify("in-use");

        assertEquals(11, server.hits("/introspect"), "the token in use was introspected once; each one-off once");
    }
}
