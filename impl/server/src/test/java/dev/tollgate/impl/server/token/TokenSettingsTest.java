package dev.tollgate.impl.server.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenSettingsTest {

    private static final String ISSUER = "https://id.example.com";

    @Test
    void defaults() {
        TokenSettings settings = TokenSettings.from(ConfigSource.of(Map.of("tollgate.server.issuer", ISSUER)));

        assertEquals(TokenSettings.defaults(new Issuer(ISSUER)), settings);
        assertEquals(Duration.ofMinutes(15), settings.accessTokenLifetime());
        assertEquals(Duration.ofDays(30), settings.refreshTokenLifetime());
        assertEquals(Duration.ofSeconds(10), settings.refreshGracePeriod());
        assertEquals(Duration.ofSeconds(5), settings.revocationCache());
        assertEquals(List.of(ISSUER), settings.defaultAudienceFor(ISSUER));
    }

    @Test
    void everyKeyIsRead() {
        TokenSettings settings = TokenSettings.from(ConfigSource.of(Map.of(
                "tollgate.server.issuer", "https://id.example.com/",
                "tollgate.server.access-token-lifetime", "5m",
                "tollgate.server.refresh-token-lifetime", "7d",
                "tollgate.server.refresh-grace-period", "0s",
                "tollgate.server.revocation-cache", "1s",
                "tollgate.server.default-audience", "api, other")));

        assertEquals(new TokenSettings(new Issuer(ISSUER), Duration.ofMinutes(5), Duration.ofDays(7), Duration.ZERO,
                Duration.ofSeconds(1), List.of("api", "other")), settings);
    }

    @Test
    void issuerUnsetFailsTheStartSayingHowToSetIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> TokenSettings.from(ConfigSource.of(Map.of("tollgate.server.access-token-lifetime", "5m"))));

        assertEquals("tollgate.server.issuer", e.key());
        assertTrue(e.problem().contains("http://localhost:9080"), e.problem());
        assertTrue(e.problem().contains("TOLLGATE_SERVER_ISSUER"), e.problem());
    }

    @Test
    void invalidValuesNameTheirKey() {
        for (Map<String, String> bad : List.of(Map.of("tollgate.server.issuer", "not a url"),
                Map.of("tollgate.server.issuer", "https://a.example/?q=1"),
                Map.of("tollgate.server.issuer", "ftp://a.example"),
                Map.of("tollgate.server.access-token-lifetime", "0s"),
                Map.of("tollgate.server.refresh-token-lifetime", "soon"),
                Map.of("tollgate.server.refresh-grace-period", "1h"))) {
            Map<String, String> config = new HashMap<>(Map.of("tollgate.server.issuer", ISSUER));
            config.putAll(bad);
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> TokenSettings.from(ConfigSource.of(config)));
            assertEquals(bad.keySet().iterator().next(), e.key());
        }
    }
}
