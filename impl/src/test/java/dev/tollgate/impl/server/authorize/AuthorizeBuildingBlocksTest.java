package dev.tollgate.impl.server.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.testing.MutableClock;
import dev.tollgate.impl.server.token.Issuer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PKCE, scopes, CSRF tokens, the login throttle, the issuer and the settings. */
class AuthorizeBuildingBlocksTest {

    @Test
    void pkceWhenRfc7636AppendixBVectorThenMatches() {
        assertEquals(AuthorizeFixtures.CHALLENGE, PkceVerifier.challengeOf(AuthorizeFixtures.VERIFIER));
        assertTrue(PkceVerifier.matches(AuthorizeFixtures.VERIFIER, AuthorizeFixtures.CHALLENGE));
    }

    @Test
    void pkceWhenVerifierOutsideUnreservedSetOrLengthThenNotWellFormed() {
        assertFalse(PkceVerifier.isWellFormed("a".repeat(42)));
        assertTrue(PkceVerifier.isWellFormed("a".repeat(43)));
        assertTrue(PkceVerifier.isWellFormed("a-._~".repeat(25) + "abc"));
        assertFalse(PkceVerifier.isWellFormed("a".repeat(129)));
        assertFalse(PkceVerifier.isWellFormed("a".repeat(42) + "/"));
        assertFalse(PkceVerifier.isWellFormed(null));
        String challenge = PkceVerifier.challengeOf("a".repeat(42) + "/");
        assertFalse(PkceVerifier.matches("a".repeat(42) + "/", challenge));
    }

    @Test
    void scopesParseWhenDuplicatesAndSpacesThenSortedDistinct() {
        assertEquals("a b c", Scopes.parse("  c a b a ").orElseThrow().value());
        assertEquals("", Scopes.parse(null).orElseThrow().value());
        assertTrue(Scopes.parse("a\\b").isEmpty());
        assertTrue(Scopes.parse("a\tb").isEmpty());
        assertTrue(Scopes.parse("a b").orElseThrow().within(List.of("a", "b", "c")));
        assertFalse(Scopes.parse("a d").orElseThrow().within(List.of("a", "b", "c")));
    }

    @Test
    void csrfTokensWhenSameThenMatchElseNot() {
        String token = CsrfTokens.newToken();
        assertEquals(43, token.length());
        assertTrue(CsrfTokens.matches(token, token));
        assertFalse(CsrfTokens.matches(token, CsrfTokens.newToken()));
        assertFalse(CsrfTokens.matches(token, null));
        assertFalse(CsrfTokens.matches(null, token));
        assertFalse(CsrfTokens.matches(token, ""));
        assertFalse(CsrfTokens.matches("", ""));
    }

    @Test
    void loginThrottleWhenFiveFailuresThenLockedForLockoutThenUnlocked() {
        MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 4; i++) {
            throttle.failed("Alice@Example.com");
            assertTrue(throttle.lockedFor("alice@example.com").isEmpty());
        }
        throttle.failed(" alice@example.com ");
        assertEquals(60, throttle.lockedFor("alice@example.com").getAsLong());
        assertTrue(throttle.lockedFor("bob@example.com").isEmpty());
        clock.advance(Duration.ofSeconds(60));
        assertTrue(throttle.lockedFor("alice@example.com").isEmpty());
    }

    @Test
    void loginThrottleWhenSuccessThenCountCleared() {
        MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(60), clock);
        throttle.failed("a");
        throttle.succeeded("a");
        throttle.failed("a");
        assertTrue(throttle.lockedFor("a").isEmpty());
    }

    @Test
    void issuerWhenConfiguredThenUsedWithoutTrailingSlash() {
        assertEquals("https://as.example.com", Issuer.resolve(Optional.of("https://as.example.com/"), "http",
                "internal", 9080).value());
    }

    @Test
    void issuerWhenNotConfiguredThenRequestBaseUrlWithoutDefaultPort() {
        assertEquals("http://localhost:9180", Issuer.resolve(Optional.empty(), "http", "localhost", 9180).value());
        assertEquals("https://as.example.com", Issuer.resolve(Optional.empty(), "https", "as.example.com", 443)
                .value());
        assertEquals("http://[::1]:8080", Issuer.resolve(Optional.empty(), "http", "::1", 8080).value());
    }

    @Test
    void settingsWhenUnsetThenDefaults() {
        AuthorizeSettings settings = AuthorizeSettings.from(ConfigSource.of(Map.of()));
        assertEquals(Duration.ofSeconds(60), settings.codeLifetime());
        assertEquals(5, settings.maxLoginFailures());
        assertEquals(Duration.ofSeconds(60), settings.loginLockout());
        assertTrue(settings.issuer().isEmpty());
    }

    @Test
    void settingsWhenSetThenRead() {
        AuthorizeSettings settings = AuthorizeSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.issuer", "https://as.example.com",
                "tollgate.server.authorization-code-lifetime", "30s",
                "tollgate.server.login.max-failures", "3",
                "tollgate.server.login.lockout", "5m")));
        assertEquals(Optional.of("https://as.example.com"), settings.issuer());
        assertEquals(Duration.ofSeconds(30), settings.codeLifetime());
        assertEquals(3, settings.maxLoginFailures());
        assertEquals(Duration.ofMinutes(5), settings.loginLockout());
    }

    @Test
    void settingsWhenCodeLifetimeTooLongOrIssuerRelativeThenConfigurationException() {
        assertThrows(ConfigurationException.class, () -> AuthorizeSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.authorization-code-lifetime", "1h"))));
        assertThrows(ConfigurationException.class, () -> AuthorizeSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.issuer", "/relative"))));
    }
}
