package dev.tollgate.impl.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.api.spi.GateObserver;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.gate.GateConfig;
import dev.tollgate.impl.testing.LogCapture;
import dev.tollgate.impl.testing.StubServer;
import dev.tollgate.impl.testing.StubServer.Response;
import dev.tollgate.impl.testing.TestClock;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.ClaimMapping;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the keys come from: a JWKS URL, discovery, or a file; caching, cooldown and outages. Time is a
 * {@link TestClock}, moved by hand: no test waits for a TTL or a cooldown to pass.
 */
class KeySourcesTest {

    final StubServer issuer = new StubServer();
    final TestClock clock = TestClock.now();
    final TestKeys keys = TestKeys.get();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        issuer.close();
    }

    JwtVerifier verifier(Map<String, String> settings) {
        GateConfig config = GateConfig.from(TestConfigs.settings(settings));
        JwtConfig jwt = config.jwt().orElseThrow();
        return new JwtVerifier(jwt, KeySources.create(jwt, clock), new CallerMapper(ClaimMapping.defaults()), clock);
    }

    JwtVerifier remote(String... extra) {
        Map<String, String> settings = TestConfigs.map("jwks-uri", issuer.uri("/jwks").toString(),
                "audience", TestTokens.AUDIENCE);
        settings.putAll(TestConfigs.map(extra));
        return verifier(settings);
    }

    static String jwks(com.nimbusds.jose.jwk.JWK... publicKeys) {
        return new JWKSet(List.of(publicKeys)).toString();
    }

    String token(String kid) {
        return TestTokens.token(keys, Instant.now()).key(kid).sign();
    }

    static ProblemType problemOf(VerificationResult result) {
        return assertInstanceOf(Failure.class, result).problem();
    }

    @Test
    void jwkSetIsFetchedOnceAndCached() {
        issuer.on("/jwks", Response.json(keys.trustedPublicJwksJson()));
        JwtVerifier verifier = remote();

        for (String kid : List.of(TestKeys.RSA, TestKeys.EC, TestKeys.ED, TestKeys.PS, TestKeys.RSA)) {
            assertInstanceOf(Success.class, verifier.verify(token(kid)), kid);
        }

        assertEquals(1, issuer.hits("/jwks"));
    }

    @Test
    void unknownKidRefetchesOnceAndFindsARotatedKey() {
        issuer.on("/jwks", Response.json(jwks(keys.rsa().toPublicJWK())));
        JwtVerifier verifier = remote("jwks-refresh-cooldown", "100ms");
        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
        clock.advance(Duration.ofMillis(150));

        issuer.on("/jwks", Response.json(jwks(keys.rsa().toPublicJWK(), keys.ec().toPublicJWK())));

        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.EC)));
        assertEquals(2, issuer.hits("/jwks"));
    }

    @Test
    void everyFetchIsLoggedAtFineWithItsReasonAndTheKidsItBrought() {
        issuer.on("/jwks", Response.json(jwks(keys.rsa().toPublicJWK())));
        try (LogCapture logs = new LogCapture()) {
            JwtVerifier verifier = remote("jwks-refresh-cooldown", "1s", "jwks-cache-ttl", "1m");
            assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
            clock.advance(Duration.ofSeconds(2));
            issuer.on("/jwks", Response.json(jwks(keys.rsa().toPublicJWK(), keys.ec().toPublicJWK())));
            assertInstanceOf(Success.class, verifier.verify(token(TestKeys.EC)));
            clock.advance(Duration.ofMinutes(2));
            assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));

            String fetched = "fetched the JWK set from " + issuer.uri("/jwks");
            assertTrue(logs.has(Level.FINE, fetched + " (start): kids [" + TestKeys.RSA + "]"), logs.all());
            assertTrue(logs.has(Level.FINE, fetched + " (unknown kid): kids [" + TestKeys.RSA + ", " + TestKeys.EC
                    + "]"), logs.all());
            assertTrue(logs.has(Level.FINE, fetched + " (cache TTL expired)"), logs.all());
            assertEquals(3, issuer.hits("/jwks"));
            assertFalse(logs.all().contains("\"n\""), "no key material");
        }
    }

    /** Each fetch the observer is told of, as "reason succeeded|failed". */
    final List<String> fetches = Collections.synchronizedList(new ArrayList<>());
    final GateObserver recorder = new GateObserver() {
        @Override
        public void checked(String outcome, long nanos) {
        }

        @Override
        public void jwksFetched(String reason, boolean succeeded) {
            fetches.add(reason + " " + (succeeded ? "succeeded" : "failed"));
        }
    };

    JwtVerifier observed(String... extra) {
        Map<String, String> settings = TestConfigs.map("jwks-uri", issuer.uri("/jwks").toString(),
                "audience", TestTokens.AUDIENCE);
        settings.putAll(TestConfigs.map(extra));
        JwtConfig jwt = GateConfig.from(TestConfigs.settings(settings)).jwt().orElseThrow();
        return new JwtVerifier(jwt, KeySources.create(jwt, clock, "tollgate.gate.", () -> Optional.of(recorder)),
                new CallerMapper(ClaimMapping.defaults()), clock);
    }

    @Test
    void whenTheJwkSetIsFetchedThenTheObserverIsToldEachFetchWithItsReasonAndOutcome() {
        issuer.on("/jwks", Response.json(jwks(keys.rsa().toPublicJWK())));
        JwtVerifier verifier = observed("jwks-refresh-cooldown", "1s", "jwks-cache-ttl", "1m");
        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
        clock.advance(Duration.ofSeconds(2));
        issuer.on("/jwks", Response.json(jwks(keys.rsa().toPublicJWK(), keys.ec().toPublicJWK())));
        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.EC)));
        clock.advance(Duration.ofMinutes(2));
        issuer.on("/jwks", Response.status(500));
        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)), "the last good set stays in use");
        clock.advance(Duration.ofMinutes(2));
        issuer.on("/jwks", Response.json(jwks(keys.rsa().toPublicJWK())));
        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));

        assertEquals(List.of("start succeeded", "unknown-kid succeeded", "ttl-expired failed", "retry succeeded"),
                fetches);
    }

    @Test
    void whenTheCooldownRefusesAFetchThenTheObserverIsNotTold() {
        issuer.on("/jwks", Response.json(jwks(keys.rsa().toPublicJWK())));
        JwtVerifier verifier = observed("jwks-refresh-cooldown", "1h", "jwks-cache-ttl", "1d");
        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));

        for (int i = 0; i < 3; i++) {
            String forged = TestTokens.token(keys, Instant.now()).keyId("forged-" + i)
                    .signer(keys.signer(TestKeys.ROGUE)).sign();
            assertEquals(ProblemType.TOKEN_UNKNOWN_KEY, problemOf(verifier.verify(forged)));
        }

        assertEquals(List.of("start succeeded"), fetches);
    }

    @Test
    void whenTheObserverThrowsThenTheKeysAreStillUsed() {
        issuer.on("/jwks", Response.json(jwks(keys.rsa().toPublicJWK())));
        GateObserver failing = new GateObserver() {
            @Override
            public void checked(String outcome, long nanos) {
            }

            @Override
            public void jwksFetched(String reason, boolean succeeded) {
                throw new IllegalStateException("observer down");
            }
        };
        JwtConfig jwt = GateConfig.from(TestConfigs.settings(TestConfigs.map("jwks-uri",
                issuer.uri("/jwks").toString(), "audience", TestTokens.AUDIENCE))).jwt().orElseThrow();
        JwtVerifier verifier = new JwtVerifier(jwt, KeySources.create(jwt, clock, "tollgate.gate.",
                () -> Optional.of(failing)), new CallerMapper(ClaimMapping.defaults()), clock);

        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
    }

    @Test
    void unknownKidsRefetchAtMostOncePerCooldown() {
        issuer.on("/jwks", Response.json(jwks(keys.rsa().toPublicJWK())));
        JwtVerifier verifier = remote("jwks-refresh-cooldown", "1h", "jwks-cache-ttl", "1d");
        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));

        for (int i = 0; i < 10; i++) {
            String forged = TestTokens.token(keys, Instant.now()).keyId("forged-" + i)
                    .signer(keys.signer(TestKeys.ROGUE)).sign();
            assertEquals(ProblemType.TOKEN_UNKNOWN_KEY, problemOf(verifier.verify(forged)));
        }

        assertEquals(1, issuer.hits("/jwks"), "the first fetch started the cooldown");
        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)), "known keys still work");
    }

    @Test
    void unreachableKeySourceWithNoCachedKeysIsUnavailable() {
        JwtVerifier verifier = verifier(TestConfigs.map("jwks-uri", StubServer.unreachable("/jwks").toString(),
                "jwks-refresh-cooldown", "2500ms"));

        VerificationResult result = verifier.verify(token(TestKeys.RSA));

        assertEquals(3, assertInstanceOf(VerificationResult.Unavailable.class, result).retryAfterSeconds());
    }

    @Test
    void keySourceAnsweringAnErrorIsUnavailable() {
        issuer.on("/jwks", Response.status(500));

        assertInstanceOf(VerificationResult.Unavailable.class, remote().verify(token(TestKeys.RSA)));
    }

    @Test
    void keySourceAnsweringGarbageIsUnavailable() {
        issuer.on("/jwks", Response.json("<html>not json</html>"));

        assertInstanceOf(VerificationResult.Unavailable.class, remote().verify(token(TestKeys.RSA)));
    }

    @Test
    void failedKeySourceIsRetriedOnlyAfterTheCooldown() {
        issuer.on("/jwks", Response.status(503));
        JwtVerifier verifier = remote("jwks-refresh-cooldown", "200ms");
        assertInstanceOf(VerificationResult.Unavailable.class, verifier.verify(token(TestKeys.RSA)));
        issuer.on("/jwks", Response.json(keys.trustedPublicJwksJson()));

        assertInstanceOf(VerificationResult.Unavailable.class, verifier.verify(token(TestKeys.RSA)));
        assertEquals(1, issuer.hits("/jwks"));
        clock.advance(Duration.ofMillis(250));

        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
        assertEquals(2, issuer.hits("/jwks"));
    }

    @Test
    void failedRefreshKeepsTheLastGoodKeys() {
        issuer.on("/jwks", Response.json(keys.trustedPublicJwksJson()));
        JwtVerifier verifier = remote("jwks-cache-ttl", "1s", "jwks-refresh-cooldown", "10ms");
        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
        issuer.on("/jwks", Response.status(500));
        clock.advance(Duration.ofMillis(1100));

        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.EC)));
        assertEquals(2, issuer.hits("/jwks"), "the expired cache was refreshed, and the refresh failed");
    }

    @Test
    void discoveryFindsTheJwksUriInTheOpenIdConfiguration() {
        String iss = issuer.base();
        issuer.on("/.well-known/openid-configuration", Response.json(
                "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + issuer.uri("/keys") + "\"}"));
        issuer.on("/keys", Response.json(keys.trustedPublicJwksJson()));
        JwtVerifier verifier = verifier(TestConfigs.map("issuer", iss));

        String token = TestTokens.token(keys, Instant.now()).issuer(iss).sign();

        assertInstanceOf(Success.class, verifier.verify(token));
        assertInstanceOf(Success.class, verifier.verify(TestTokens.token(keys, Instant.now()).issuer(iss).sign()));
        assertEquals(1, issuer.hits("/.well-known/openid-configuration"));
        assertEquals(1, issuer.hits("/keys"));
    }

    @Test
    void discoveryFallsBackToOAuthAuthorizationServerMetadata() {
        String iss = issuer.base() + "/tenant";
        issuer.on("/.well-known/oauth-authorization-server/tenant", Response.json(
                "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + issuer.uri("/keys") + "\"}"));
        issuer.on("/keys", Response.json(keys.trustedPublicJwksJson()));
        JwtVerifier verifier = verifier(TestConfigs.map("issuer", iss));

        assertInstanceOf(Success.class, verifier.verify(TestTokens.token(keys, Instant.now()).issuer(iss).sign()));
        assertEquals(1, issuer.hits("/tenant/.well-known/openid-configuration"));
    }

    @Test
    void discoveryIsLazy() {
        verifier(TestConfigs.map("issuer", issuer.base()));

        assertEquals(0, issuer.totalHits());
    }

    @Test
    void metadataNamingAnotherIssuerIsNotUsed() {
        issuer.on("/.well-known/openid-configuration", Response.json(
                "{\"issuer\":\"https://evil.example\",\"jwks_uri\":\"" + issuer.uri("/keys") + "\"}"));
        issuer.on("/keys", Response.json(keys.trustedPublicJwksJson()));
        JwtVerifier verifier = verifier(TestConfigs.map("issuer", issuer.base()));

        assertInstanceOf(VerificationResult.Unavailable.class, verifier.verify(
                TestTokens.token(keys, Instant.now()).issuer(issuer.base()).sign()));
        assertEquals(0, issuer.hits("/keys"));
    }

    @Test
    void failedDiscoveryIsRetriedAtMostOncePerCooldown() {
        JwtVerifier verifier = verifier(TestConfigs.map("issuer", issuer.base(), "jwks-refresh-cooldown", "1h",
                "jwks-cache-ttl", "1d"));
        String token = TestTokens.token(keys, Instant.now()).issuer(issuer.base()).sign();

        for (int i = 0; i < 5; i++) {
            assertInstanceOf(VerificationResult.Unavailable.class, verifier.verify(token));
        }

        assertEquals(2, issuer.totalHits(), "one attempt: both metadata locations, once");
    }

    @Test
    void explicitJwksUriWinsOverDiscovery() {
        issuer.on("/jwks", Response.json(keys.trustedPublicJwksJson()));
        JwtVerifier verifier = verifier(TestConfigs.map("issuer", TestTokens.ISSUER,
                "jwks-uri", issuer.uri("/jwks").toString()));

        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
        assertEquals(1, issuer.totalHits());
    }

    @Test
    void jwksFileWinsOverJwksUri() {
        Path file = keys.writeTrustedPublicJwks(dir.resolve("jwks.json"));
        JwtVerifier verifier = verifier(TestConfigs.map("jwks-uri", issuer.uri("/jwks").toString(),
                "jwks-file", file.toString()));

        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
        assertEquals(0, issuer.totalHits());
    }

    @Test
    void jwksFileIsReadAgainWhenItChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("jwks.json"), jwks(keys.rsa().toPublicJWK()));
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
        JwtVerifier verifier = verifier(TestConfigs.map("jwks-file", file.toString()));
        assertEquals(ProblemType.TOKEN_UNKNOWN_KEY, problemOf(verifier.verify(token(TestKeys.EC))));

        Files.writeString(file, keys.trustedPublicJwksJson());
        Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));

        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.EC)));
    }

    @Test
    void brokenJwksFileChangeKeepsTheLastGoodKeys() throws Exception {
        Path file = keys.writeTrustedPublicJwks(dir.resolve("jwks.json"));
        JwtVerifier verifier = verifier(TestConfigs.map("jwks-file", file.toString()));

        Files.writeString(file, "{\"keys\":[{\"kty\":");

        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
        Files.delete(file);
        assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
    }

    @Test
    void jwksFileHoldingPrivateKeysIsUsedForItsPublicHalvesOnly() throws Exception {
        try (var in = TestKeys.class.getResourceAsStream(TestKeys.RESOURCE)) {
            Path file = Files.write(dir.resolve("private.json"), in.readAllBytes());
            JwtVerifier verifier = verifier(TestConfigs.map("jwks-file", file.toString()));

            assertInstanceOf(Success.class, verifier.verify(token(TestKeys.RSA)));
        }
    }

    @Test
    void missingJwksFileFailsAtStartNamingTheKey() {
        GateConfig config = GateConfig.from(TestConfigs.settings("jwks-file", dir.resolve("nope.json").toString()));

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> KeySources.create(config.jwt().orElseThrow(), clock));

        assertEquals("tollgate.gate.jwks-file", e.key());
    }

    @Test
    void jwksFileThatIsNotAJwkSetFailsAtStartNamingTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "hello");
        GateConfig config = GateConfig.from(TestConfigs.settings("jwks-file", file.toString()));

        assertEquals("tollgate.gate.jwks-file", assertThrows(ConfigurationException.class,
                () -> KeySources.create(config.jwt().orElseThrow(), clock)).key());
    }

    @Test
    void metadataLocationsFollowOidcAndRfc8414() {
        assertEquals(List.of("https://a.example/.well-known/openid-configuration",
                        "https://a.example/.well-known/oauth-authorization-server"),
                DiscoveryJWKSource.metadataLocations("https://a.example").stream().map(Object::toString).toList());
        assertEquals(List.of("https://a.example/t/1/.well-known/openid-configuration",
                        "https://a.example/.well-known/oauth-authorization-server/t/1"),
                DiscoveryJWKSource.metadataLocations("https://a.example/t/1/").stream().map(Object::toString)
                        .toList());
    }
}
