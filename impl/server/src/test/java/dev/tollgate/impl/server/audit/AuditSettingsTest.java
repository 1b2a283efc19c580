package dev.tollgate.impl.server.audit;

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
import org.junit.jupiter.params.provider.ValueSource;

/** The tollgate.server.audit.* keys: defaults, values, and a bad value naming its key. */
class AuditSettingsTest {

    @Test
    void fromWhenNothingConfiguredThenTokenEventsOffAndNinetyDays() {
        AuditSettings settings = AuditSettings.from(ConfigSource.of(Map.of()));

        assertFalse(settings.tokenEvents());
        assertEquals(Duration.ofDays(90), settings.retention());
    }

    @Test
    void fromWhenConfiguredThenRead() {
        AuditSettings settings = AuditSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.audit.token-events", "true", "tollgate.server.audit.retention", "400d")));

        assertTrue(settings.tokenEvents());
        assertEquals(Duration.ofDays(400), settings.retention());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "23h", "3651d"})
    void fromWhenRetentionOutOfRangeThenErrorNamesTheKey(String retention) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> AuditSettings.from(
                ConfigSource.of(Map.of("tollgate.server.audit.retention", retention))));

        assertTrue(e.getMessage().contains("tollgate.server.audit.retention"), e.getMessage());
    }

    @Test
    void fromWhenTokenEventsNotABooleanThenErrorNamesTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> AuditSettings.from(
                ConfigSource.of(Map.of("tollgate.server.audit.token-events", "maybe"))));

        assertTrue(e.getMessage().contains("tollgate.server.audit.token-events"), e.getMessage());
    }
}
