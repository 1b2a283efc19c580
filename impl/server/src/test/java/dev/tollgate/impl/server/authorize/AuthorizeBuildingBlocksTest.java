package dev.tollgate.impl.server.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.token.Issuer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void issuerIsAnAbsoluteUrlWithoutQueryOrFragment() {
        assertEquals("https://as.example.com", new Issuer("https://as.example.com").value());
        assertThrows(IllegalArgumentException.class, () -> new Issuer("/relative"));
        assertThrows(IllegalArgumentException.class, () -> new Issuer("https://as.example.com/?q=1"));
        assertThrows(IllegalArgumentException.class, () -> new Issuer("https://as.example.com/#f"));
    }

    @Test
    void settingsWhenUnsetThenDefaults() {
        AuthorizeSettings settings = AuthorizeSettings.from(ConfigSource.of(Map.of()));
        assertEquals(Duration.ofSeconds(60), settings.codeLifetime());
        assertEquals(5, settings.maxLoginFailures());
        assertEquals(50, settings.maxAccountLoginFailures());
        assertEquals(Duration.ofSeconds(60), settings.loginLockout());
    }

    @Test
    void settingsWhenSetThenRead() {
        AuthorizeSettings settings = AuthorizeSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.authorization-code-lifetime", "30s",
                "tollgate.server.login.max-failures", "3",
                "tollgate.server.login.max-account-failures", "30",
                "tollgate.server.login.lockout", "5m")));
        assertEquals(Duration.ofSeconds(30), settings.codeLifetime());
        assertEquals(3, settings.maxLoginFailures());
        assertEquals(30, settings.maxAccountLoginFailures());
        assertEquals(Duration.ofMinutes(5), settings.loginLockout());
    }

    @Test
    void settingsWhenAccountLimitBelowAddressLimitThenConfigurationException() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> AuthorizeSettings.from(
                ConfigSource.of(Map.of("tollgate.server.login.max-failures", "10",
                        "tollgate.server.login.max-account-failures", "5"))));
        assertEquals("tollgate.server.login.max-account-failures", e.key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "500ms", "2d"})
    void settingsWhenLockoutOutOfBoundsThenConfigurationExceptionNamingIt(String lockout) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> AuthorizeSettings.from(
                ConfigSource.of(Map.of("tollgate.server.login.lockout", lockout))));
        assertEquals("tollgate.server.login.lockout", e.key());
    }

    @Test
    void settingsWhenCodeLifetimeTooLongThenConfigurationException() {
        assertThrows(ConfigurationException.class, () -> AuthorizeSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.authorization-code-lifetime", "1h"))));
    }
}
