package dev.tollgate.impl.server.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The authorize endpoint's bounds: {@code tollgate.server.authorize.*}. */
class AuthorizeSettingsTest {

    @Test
    void boundsWhenUnsetThenDefaults() {
        AuthorizeSettings settings = AuthorizeSettings.from(ConfigSource.of(Map.of()));
        assertEquals(8192, settings.maxQueryLength());
        assertEquals(100, settings.maxPendingPerAddress());
        assertEquals(10_000, settings.maxPending());
        assertEquals(AuthorizeSettings.defaults(), settings);
    }

    @Test
    void boundsWhenSetThenRead() {
        AuthorizeSettings settings = AuthorizeSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.authorize.max-query-length", "4096",
                "tollgate.server.authorize.max-pending-per-address", "20",
                "tollgate.server.authorize.max-pending", "500")));
        assertEquals(4096, settings.maxQueryLength());
        assertEquals(20, settings.maxPendingPerAddress());
        assertEquals(500, settings.maxPending());
    }

    @Test
    void maxPendingWhenUnsetAndPerAddressAboveTheDefaultThenPerAddress() {
        AuthorizeSettings settings = AuthorizeSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.authorize.max-pending-per-address", "20000")));
        assertEquals(20_000, settings.maxPending());
    }

    @ParameterizedTest
    @CsvSource({
            "tollgate.server.authorize.max-query-length, 100",
            "tollgate.server.authorize.max-query-length, 1000000",
            "tollgate.server.authorize.max-query-length, lots",
            "tollgate.server.authorize.max-pending-per-address, 0",
            "tollgate.server.authorize.max-pending, 0"})
    void boundsWhenOutOfRangeThenConfigurationExceptionNamingTheKey(String key, String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> AuthorizeSettings.from(ConfigSource.of(Map.of(key, value))));
        assertEquals(key, e.key());
    }

    @Test
    void maxPendingWhenBelowPerAddressThenConfigurationExceptionNamingIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> AuthorizeSettings.from(
                ConfigSource.of(Map.of("tollgate.server.authorize.max-pending-per-address", "50",
                        "tollgate.server.authorize.max-pending", "10"))));
        assertEquals("tollgate.server.authorize.max-pending", e.key());
    }
}
