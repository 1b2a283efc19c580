package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.jwt.JwtConfig;
import dev.tollgate.impl.jwt.JwtVerifier;
import dev.tollgate.impl.jwt.KeySources;
import dev.tollgate.impl.testing.HostileToken;
import dev.tollgate.impl.testing.RecordingObserver;
import dev.tollgate.impl.testing.TestClock;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bearer path: size, shape, the verified-token cache and the revocation check. */
class BearerVerifierTest {

    @TempDir
    static Path dir;
    static Path jwksFile;

    final TestClock clock = TestClock.now();
    final Set<String> revoked = new HashSet<>();
    final AtomicInteger revocationChecks = new AtomicInteger();
    final RevocationChecker checker = (jti, caller) -> {
        revocationChecks.incrementAndGet();
        return revoked.contains(jti);
    };

    @BeforeAll
    static void writeKeys() {
        jwksFile = TestKeys.get().writeTrustedPublicJwks(dir.resolve("jwks.json"));
    }

    Verifier verifier(RevocationChecker revocation, String... extra) {
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwksFile, extra)));
        return Verifier.create(config, GateServices.of(null, revocation), clock);
    }

    TestTokens.Builder token() {
        return TestTokens.token(TestKeys.get(), clock.instant());
    }

    static VerificationResult verify(Verifier verifier, String token) {
        return verifier.verify(new Credentials.Bearer(token));
    }

    @Test
    void cachedTokenIsStillCheckedForRevocation() {
        Verifier verifier = verifier(checker);
        String token = token().jwtId("jti-7").sign();
        assertInstanceOf(Success.class, verify(verifier, token));

        revoked.add("jti-7");

        assertEquals(ProblemType.TOKEN_REVOKED, assertInstanceOf(Failure.class, verify(verifier, token)).problem());
        assertEquals(2, revocationChecks.get());
    }

    @Test
    void revocationCheckerGetsTheJtiAndTheCaller() {
        String[] seen = new String[2];
        Verifier verifier = verifier((jti, caller) -> {
            seen[0] = jti;
            seen[1] = caller.subject();
            return false;
        });

        verify(verifier, token().jwtId("abc").subject("bob").sign());

        assertEquals("abc", seen[0]);
        assertEquals("bob", seen[1]);
    }

    @Test
    void tokenWithoutJtiIsCheckedWithANullId() {
        String[] seen = {"unset"};
        Verifier verifier = verifier((jti, caller) -> {
            seen[0] = jti;
            return false;
        });

        verify(verifier, token().without("jti").sign());

        assertNull(seen[0]);
    }

    @Test
    void failingRevocationCheckerMakesVerificationUnavailable() {
        Verifier verifier = verifier((jti, caller) -> {
            throw new IllegalStateException("down");
        });

        assertInstanceOf(VerificationResult.Unavailable.class, verify(verifier, token().sign()));
    }

    @Test
    void cachedTokenExpiresLikeAFreshOne() {
        Verifier verifier = verifier(null);
        String token = token().expiresIn(Duration.ofMinutes(1)).sign();
        assertInstanceOf(Success.class, verify(verifier, token));

        clock.advance(Duration.ofSeconds(60 + 29));
        assertInstanceOf(Success.class, verify(verifier, token), "within the clock skew");
        clock.advance(Duration.ofSeconds(2));

        assertEquals(ProblemType.TOKEN_EXPIRED, assertInstanceOf(Failure.class, verify(verifier, token)).problem());
        assertEquals(ProblemType.TOKEN_EXPIRED, assertInstanceOf(Failure.class, verify(verifier, token)).problem());
    }

    @Test
    void repeatedTokenIsServedFromTheCache() {
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwksFile)));
        BearerVerifier bearer = new BearerVerifier(config.maxTokenSize(), router(config), null, 2,
                Optional::empty, config.clockSkew(), clock);
        String token = token().sign();

        Success first = assertInstanceOf(Success.class, bearer.verify(token));
        Success second = assertInstanceOf(Success.class, bearer.verify(token));

        assertTrue(first == second, "the same cached result");
        assertEquals(1, bearer.cacheSize());
    }

    @Test
    void whenAJwtIsLookedUpInTheCacheThenTheObserverIsToldOfEachHitAndMiss() {
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwksFile)));
        RecordingObserver observer = new RecordingObserver();
        BearerVerifier bearer = new BearerVerifier(config.maxTokenSize(), router(config), null, 5,
                Optional::empty, config.clockSkew(), clock, observer.supplier());
        String token = token().expiresIn(Duration.ofMinutes(1)).sign();

        assertInstanceOf(Success.class, bearer.verify(token));
        assertInstanceOf(Success.class, bearer.verify(token));
        assertInstanceOf(Success.class, bearer.verify(token));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(ProblemType.TOKEN_EXPIRED, assertInstanceOf(Failure.class, bearer.verify(token)).problem());

        assertEquals(List.of("token miss", "token hit", "token hit", "token miss"), observer.events(),
                "an expired entry is a miss");
    }

    @Test
    void whenTheCacheIsDisabledThenTheObserverIsNotTold() {
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwksFile)));
        RecordingObserver observer = new RecordingObserver();
        BearerVerifier bearer = new BearerVerifier(config.maxTokenSize(), router(config), null, 0,
                Optional::empty, config.clockSkew(), clock, observer.supplier());
        String token = token().sign();

        assertInstanceOf(Success.class, bearer.verify(token));
        assertInstanceOf(Success.class, bearer.verify(token));

        assertEquals(List.of(), observer.events());
    }

    @Test
    void whenTheObserverIsFoundByTheGateServicesThenTheVerifierTellsIt() {
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwksFile)));
        RecordingObserver observer = new RecordingObserver();
        Verifier verifier = Verifier.create(config, new GateServices(Optional::empty, Optional::empty,
                Optional::empty, Optional::empty, observer.supplier()), clock);
        String token = token().sign();

        verify(verifier, token);
        verify(verifier, token);

        assertEquals(List.of("token miss", "token hit"), observer.events());
    }

    @Test
    void cacheStaysWithinItsSize() {
        GateConfig config = GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwksFile)));
        BearerVerifier bearer = new BearerVerifier(config.maxTokenSize(), router(config), null, 5,
                Optional::empty, config.clockSkew(), clock);

        for (int i = 0; i < 23; i++) {
            assertInstanceOf(Success.class, bearer.verify(token().sign()));
            assertTrue(bearer.cacheSize() <= 5);
        }
    }

    @Test
    void disabledCacheStillVerifies() {
        Verifier verifier = verifier(null, "token-cache-size", "0");
        String token = token().sign();

        assertInstanceOf(Success.class, verify(verifier, token));
        assertInstanceOf(Success.class, verify(verifier, token));
    }

    @Test
    void tokenOverTheSizeLimitIsRefusedBeforeParsing() {
        Verifier verifier = verifier(null, "max-token-size", "256");

        assertEquals(ProblemType.TOKEN_TOO_LARGE, assertInstanceOf(Failure.class,
                verify(verifier, "x".repeat(257))).problem());
    }

    @Test
    void tokenOfExactlyTheSizeLimitIsParsed() {
        Verifier verifier = verifier(null, "max-token-size", "256");

        assertEquals(ProblemType.TOKEN_MALFORMED, assertInstanceOf(Failure.class,
                verify(verifier, "x".repeat(256))).problem());
    }

    @Test
    void opaqueTokenWithoutIntrospectionIsMalformed() {
        assertEquals(ProblemType.TOKEN_MALFORMED, assertInstanceOf(Failure.class,
                verify(verifier(null), "2YotnFZFEjr1zCsicMWpAA")).problem());
    }

    @Test
    void jwtWithVerificationOffAndNoIntrospectionIsAnUnknownKey() {
        Verifier verifier = Verifier.create(TestConfigs.gate(), GateServices.none(), clock);

        assertEquals(ProblemType.TOKEN_UNKNOWN_KEY, assertInstanceOf(Failure.class,
                verify(verifier, token().sign())).problem());
    }

    @Test
    void jwtWithVerificationOffIsRefusedForAlgNoneNotAsAnUnknownKey() {
        Verifier verifier = Verifier.create(TestConfigs.gate(), GateServices.none(), clock);

        assertEquals(ProblemType.TOKEN_ALGORITHM, assertInstanceOf(Failure.class,
                verify(verifier, HostileToken.ALG_NONE.token(TestKeys.get(), clock.instant()))).problem());
    }

    @Test
    void jwtWithVerificationOffIsRefusedForAnAlgorithmOnNoAllowList() {
        Verifier verifier = Verifier.create(TestConfigs.gate(), GateServices.none(), clock);

        assertEquals(ProblemType.TOKEN_ALGORITHM, assertInstanceOf(Failure.class, verify(verifier,
                HostileToken.HS256_WITH_RSA_PUBLIC_KEY.token(TestKeys.get(), clock.instant()))).problem());
    }

    @Test
    void optionalModeLetsAnonymousRequestsThroughButNotBadTokens() {
        Verifier verifier = verifier(null, "mode", "optional");

        Caller anonymous = assertInstanceOf(Success.class, verifier.verify(new Credentials.None())).caller();
        assertTrue(anonymous.isAnonymous());
        assertInstanceOf(Failure.class, verify(verifier, "garbage.garbage.garbage"));
        assertInstanceOf(Failure.class, verifier.verify(new Credentials.Malformed("bad")));
    }

    @Test
    void requiredModeRefusesMissingCredentials() {
        assertEquals(ProblemType.MISSING_CREDENTIALS, assertInstanceOf(Failure.class,
                verifier(null).verify(new Credentials.None())).problem());
    }

    /** The configured issuer's verifier alone, with no local issuer. */
    private JwtRouter router(GateConfig config) {
        CallerMapper callers = new CallerMapper(config.claims());
        JwtConfig jwt = config.jwt().orElseThrow();
        JwtVerifier configured = new JwtVerifier(jwt, KeySources.create(jwt, clock), callers, clock);
        return new JwtRouter(List.of(new JwtRouter.Route("default", jwt.issuer(), configured, null)), config.jwt(),
                config.clockSkew(), Optional::empty, callers, clock);
    }
}
