package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.testing.TestClock;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's own authorization server as a second issuer: its tokens are verified with its keys, read
 * directly, beside the configured issuer's. Here the "local server" signs with the rogue test key, which the
 * configured issuer's key set does not hold.
 */
class LocalIssuerTest {

    private static final String LOCAL = "https://auth.local.example";

    @TempDir
    static Path dir;
    static Path jwksFile;

    final TestClock clock = TestClock.now();

    @BeforeAll
    static void writeKeys() {
        jwksFile = TestKeys.get().writeTrustedPublicJwks(dir.resolve("jwks.json"));
    }

    @Test
    void localServersAccessTokenIsAccepted() {
        Verifier verifier = gateWithLocalIssuer(TestConfigs.itLike(jwksFile));

        Success success = assertInstanceOf(Success.class, verify(verifier, localToken().sign()));

        assertEquals("alice", success.caller().subject());
    }

    @Test
    void configuredIssuersTokenIsStillAccepted() {
        Verifier verifier = gateWithLocalIssuer(TestConfigs.itLike(jwksFile));

        assertInstanceOf(Success.class, verify(verifier, TestTokens.token(TestKeys.get(), clock.instant()).sign()));
    }

    @Test
    void localTokenMustBeAnAccessTokenByType() {
        Verifier verifier = gateWithLocalIssuer(TestConfigs.itLike(jwksFile));

        assertRefused(verifier, localToken().type("JWT").sign(), ProblemType.TOKEN_TYPE);
    }

    @Test
    void localKeyWithAnotherIssuerIsRefused() {
        Verifier verifier = gateWithLocalIssuer(TestConfigs.itLike(jwksFile));

        assertRefused(verifier, localToken().issuer("https://elsewhere.example").sign(), ProblemType.TOKEN_ISSUER);
    }

    @Test
    void localTokenMustBeForTheGatesAudience() {
        Verifier verifier = gateWithLocalIssuer(TestConfigs.itLike(jwksFile));

        assertRefused(verifier, localToken().audience("another-api").sign(), ProblemType.TOKEN_AUDIENCE);
    }

    @Test
    void localTokenForTheServerItselfIsAccepted() {
        Verifier verifier = gateWithLocalIssuer(TestConfigs.itLike(jwksFile));

        assertInstanceOf(Success.class, verify(verifier, localToken().audience(LOCAL).sign()));
    }

    @Test
    void configuredIssuersTokenForItselfIsStillRefused() {
        Verifier verifier = gateWithLocalIssuer(TestConfigs.itLike(jwksFile));

        assertRefused(verifier, TestTokens.token(TestKeys.get(), clock.instant()).audience(TestTokens.ISSUER).sign(),
                ProblemType.TOKEN_AUDIENCE);
    }

    @Test
    void localKeyWithASpoofedHostAsIssuerIsRefused() {
        // A token minted through a request whose Host header named another server (issue 11, finding 7).
        Verifier verifier = gateWithLocalIssuer(TestConfigs.itLike(jwksFile));

        assertRefused(verifier, localToken().issuer("http://evil.example").audience("http://evil.example").sign(),
                ProblemType.TOKEN_ISSUER);
    }

    @Test
    void localTokenAudienceIsCheckedEvenWithoutAConfiguredAudience() {
        Verifier verifier = gateWithLocalIssuer(java.util.Map.of());

        assertInstanceOf(Success.class, verify(verifier, localToken().audience(LOCAL).sign()));
        assertRefused(verifier, localToken().audience("http://evil.example").sign(), ProblemType.TOKEN_AUDIENCE);
        assertRefused(verifier, localToken().audience("another-api").sign(), ProblemType.TOKEN_AUDIENCE);
    }

    @Test
    void withoutAConfiguredIssuerOnlyTheLocalServersTokensAreAccepted() {
        Verifier verifier = gateWithLocalIssuer(java.util.Map.of());

        assertInstanceOf(Success.class, verify(verifier, localToken().audience(LOCAL).sign()));
        assertRefused(verifier, TestTokens.token(TestKeys.get(), clock.instant()).sign(),
                ProblemType.TOKEN_ISSUER);
    }

    @Test
    void localTokenWhileTheLocalKeysCannotBeReadIsUnavailableNotRefused() {
        // The server's database is down (or its start-up has not loaded the keys): retry later, keep the token.
        Verifier verifier = gateWith(TestConfigs.itLike(jwksFile), unreadableKeys());

        VerificationResult.Unavailable unavailable = assertInstanceOf(VerificationResult.Unavailable.class,
                verify(verifier, localToken().sign()));

        assertEquals(JwtRouter.LOCAL_KEYS_RETRY_AFTER_SECONDS, unavailable.retryAfterSeconds());
    }

    @Test
    void configuredIssuersTokenIsStillVerifiedWhileTheLocalKeysCannotBeRead() {
        Verifier verifier = gateWith(TestConfigs.itLike(jwksFile), unreadableKeys());

        assertInstanceOf(Success.class, verify(verifier, TestTokens.token(TestKeys.get(), clock.instant()).sign()));
        assertRefused(verifier, localToken().issuer("https://elsewhere.example").sign(), ProblemType.TOKEN_ISSUER);
    }

    private static JWKSource<SecurityContext> unreadableKeys() {
        return (selector, context) -> {
            throw new com.nimbusds.jose.KeySourceException("database down");
        };
    }

    private TestTokens.Builder localToken() {
        return TestTokens.token(TestKeys.get(), clock.instant()).key(TestKeys.ROGUE).type("at+jwt").issuer(LOCAL);
    }

    private Verifier gateWithLocalIssuer(java.util.Map<String, String> config) {
        return gateWith(config, new ImmutableJWKSet<>(new JWKSet(TestKeys.get().rogue().toPublicJWK())));
    }

    private Verifier gateWith(java.util.Map<String, String> config, JWKSource<SecurityContext> keys) {
        LocalIssuer local = new LocalIssuer() {
            @Override
            public String issuer() {
                return LOCAL;
            }

            @Override
            public JWKSource<SecurityContext> publicKeys() {
                return keys;
            }
        };
        GateServices services = new GateServices(Optional::empty, Optional::empty, () -> Optional.of(local));
        return Verifier.create(GateConfig.from(TestConfigs.settings(config)), services, clock);
    }

    private static VerificationResult verify(Verifier verifier, String token) {
        return verifier.verify(new Credentials.Bearer(token));
    }

    private static void assertRefused(Verifier verifier, String token, ProblemType expected) {
        assertEquals(expected, assertInstanceOf(Failure.class, verify(verifier, token)).problem());
    }
}
