package dev.tollgate.impl.server.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DpopSettingsTest {

    @Test
    void defaultsWhenNothingIsConfigured() {
        DpopSettings settings = DpopSettings.from(ConfigSource.of(Map.of()));

        assertEquals(List.of("ES256", "RS256", "PS256", "EdDSA"), settings.algorithmNames());
        assertEquals(Duration.ofSeconds(60), settings.proofLifetime());
        assertEquals(Duration.ofSeconds(5), settings.clockSkew());
        assertFalse(settings.nonce());
        assertEquals(Duration.ofSeconds(60), settings.nonceLifetime());
        assertFalse(settings.required());
    }

    @Test
    void everyKeyIsRead() {
        DpopSettings settings = DpopSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.dpop.algorithms", "es384, eddsa",
                "tollgate.server.dpop.proof-lifetime", "30s",
                "tollgate.server.dpop.clock-skew", "0s",
                "tollgate.server.dpop.nonce", "true",
                "tollgate.server.dpop.nonce-lifetime", "2m",
                "tollgate.server.dpop.required", "true")));

        assertEquals(List.of("ES384", "EdDSA"), settings.algorithmNames());
        assertEquals(Duration.ofSeconds(30), settings.proofLifetime());
        assertEquals(Duration.ZERO, settings.clockSkew());
        assertTrue(settings.nonce());
        assertEquals(Duration.ofMinutes(2), settings.nonceLifetime());
        assertTrue(settings.required());
    }

    @Test
    void symmetricOrUnknownAlgorithmsFailNamingTheKey() {
        for (String algorithms : List.of("HS256", "none", "ES256,XX1", "RSA-OAEP")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> DpopSettings.from(
                    ConfigSource.of(Map.of("tollgate.server.dpop.algorithms", algorithms))), algorithms);
            assertEquals("tollgate.server.dpop.algorithms", e.key());
        }
    }

    @Test
    void durationsOutOfRangeFailNamingTheKey() {
        Map<String, String> bad = Map.of("tollgate.server.dpop.proof-lifetime", "11m",
                "tollgate.server.dpop.clock-skew", "6m", "tollgate.server.dpop.nonce-lifetime", "1s");
        bad.forEach((key, value) -> assertEquals(key, assertThrows(ConfigurationException.class,
                () -> DpopSettings.from(ConfigSource.of(Map.of(key, value)))).key()));
    }
}
