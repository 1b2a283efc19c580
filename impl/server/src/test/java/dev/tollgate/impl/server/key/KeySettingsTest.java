package dev.tollgate.impl.server.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeySettingsTest {

    @Test
    void defaultsAreEs256Rotating30DaysPublishedAnHourAhead() {
        KeySettings settings = KeySettings.from(ConfigSource.of(Map.of()));

        assertEquals(KeySettings.defaults(), settings);
        assertEquals(SigningAlgorithm.RS256, settings.algorithm());
        assertEquals(Duration.ofDays(30), settings.rotationPeriod());
        assertEquals(Duration.ofHours(1), settings.publishAhead());
        assertEquals(Duration.ofHours(24), settings.maxTokenLifetime());
        assertEquals(Duration.ofMinutes(1), settings.refreshInterval());
    }

    @Test
    void everySettingIsReadFromItsKey() {
        KeySettings settings = KeySettings.from(ConfigSource.of(Map.of(
                "tollgate.keys.algorithm", "rs256",
                "tollgate.keys.rotation-period", "7d",
                "tollgate.keys.publish-ahead", "PT30M",
                "tollgate.keys.max-token-lifetime", "12h",
                "tollgate.keys.refresh-interval", "30s")));

        assertEquals(new KeySettings(SigningAlgorithm.RS256, Duration.ofDays(7), Duration.ofMinutes(30),
                Duration.ofHours(12), Duration.ofSeconds(30)), settings);
    }

    @Test
    void invalidValuesFailNamingTheKey() {
        assertFailsOn("tollgate.keys.algorithm", Map.of("tollgate.keys.algorithm", "HS256"));
        assertFailsOn("tollgate.keys.rotation-period", Map.of("tollgate.keys.rotation-period", "soon"));
        assertFailsOn("tollgate.keys.rotation-period", Map.of("tollgate.keys.rotation-period", "30m"));
        assertFailsOn("tollgate.keys.publish-ahead", Map.of("tollgate.keys.refresh-interval", "45m"));
        assertFailsOn("tollgate.keys.max-token-lifetime", Map.of("tollgate.keys.max-token-lifetime", "0s"));
    }

    private static void assertFailsOn(String key, Map<String, String> values) {
        assertEquals(key, assertThrows(ConfigurationException.class,
                () -> KeySettings.from(ConfigSource.of(values))).key());
    }
}
