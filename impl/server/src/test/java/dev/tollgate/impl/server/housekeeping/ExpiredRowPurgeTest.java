package dev.tollgate.impl.server.housekeeping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.testing.MutableClock;
import dev.tollgate.impl.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class ExpiredRowPurgeTest {

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");

    @Test
    void eachTableIsPurgedOfWhatExpiredBeforeTheRetention() {
        List<Instant> cutoffs = new ArrayList<>();
        Map<String, ToIntFunction<Instant>> purges = new LinkedHashMap<>();
        purges.put("a", cutoff -> {
            cutoffs.add(cutoff);
            return 3;
        });
        purges.put("b", cutoff -> {
            cutoffs.add(cutoff);
            return 0;
        });

        Map<String, Integer> deleted = new ExpiredRowPurge(purges, Duration.ofDays(1), clock).purge();

        assertEquals(Map.of("a", 3, "b", 0), deleted);
        assertEquals(List.of(Instant.parse("2029-12-31T00:00:00Z"), Instant.parse("2029-12-31T00:00:00Z")), cutoffs);
    }

    @Test
    void aFailingPurgeDoesNotStopTheOthers() {
        Map<String, ToIntFunction<Instant>> purges = new LinkedHashMap<>();
        purges.put("down", cutoff -> {
            throw new IllegalStateException("database down");
        });
        purges.put("up", cutoff -> 1);

        try (LogCapture logs = new LogCapture()) {
            assertEquals(Map.of("up", 1), new ExpiredRowPurge(purges, Duration.ZERO, clock).purge());

            assertTrue(logs.has(Level.WARNING, "Could not purge expired rows of down"), logs::all);
        }
    }

    @Test
    void settingsHaveDefaultsAndBounds() {
        assertEquals(HousekeepingSettings.defaults(), HousekeepingSettings.from(key -> Optional.empty()));
        assertEquals(false, HousekeepingSettings.from(config("tollgate.server.purge-interval", "0s")).enabled());
        ConfigurationException tooOften = assertThrows(ConfigurationException.class,
                () -> HousekeepingSettings.from(config("tollgate.server.purge-interval", "10s")));
        assertEquals("tollgate.server.purge-interval", tooOften.key());
        assertThrows(ConfigurationException.class,
                () -> HousekeepingSettings.from(config("tollgate.server.purge-retention", "-1s")));
    }

    private static ConfigSource config(String key, String value) {
        return ConfigSource.of(Map.of(key, value));
    }
}
