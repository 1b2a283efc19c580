package dev.tollgate.impl.server.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The authorize endpoint's bounds ({@code tollgate.server.authorize.*}) and the login's lifetime and cookie. */
class AuthorizeSettingsTest {

    @Test
    void boundsWhenUnsetThenDefaults() {
        AuthorizeSettings settings = AuthorizeSettings.from(ConfigSource.of(Map.of()));
        assertEquals(8192, settings.maxQueryLength());
        assertEquals(Duration.ofMinutes(30), settings.loginSessionLifetime());
        assertFalse(settings.cookieSecure());
        assertEquals(AuthorizeSettings.defaults(), settings);
    }

    @Test
    void boundsWhenSetThenRead() {
        AuthorizeSettings settings = AuthorizeSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.authorize.max-query-length", "4096",
                "tollgate.server.login.session-lifetime", "2h",
                "tollgate.session.cookie-secure", "true")));
        assertEquals(4096, settings.maxQueryLength());
        assertEquals(Duration.ofHours(2), settings.loginSessionLifetime());
        assertTrue(settings.cookieSecure());
    }

    @Test
    void maxPendingKeysWhenSetThenIgnoredNotRefused() {
        // Deprecated: pending requests travel with the browser; an old configuration still starts.
        AuthorizeSettings settings = AuthorizeSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.authorize.max-pending-per-address", "0",
                "tollgate.server.authorize.max-pending", "lots")));
        assertEquals(AuthorizeSettings.defaults(), settings);
    }

    @ParameterizedTest
    @CsvSource({
            "tollgate.server.authorize.max-query-length, 100",
            "tollgate.server.authorize.max-query-length, 1000000",
            "tollgate.server.authorize.max-query-length, lots",
            "tollgate.server.login.session-lifetime, 30s",
            "tollgate.server.login.session-lifetime, 2d",
            "tollgate.session.cookie-secure, yes"})
    void boundsWhenOutOfRangeThenConfigurationExceptionNamingTheKey(String key, String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> AuthorizeSettings.from(ConfigSource.of(Map.of(key, value))));
        assertEquals(key, e.key());
    }
}
