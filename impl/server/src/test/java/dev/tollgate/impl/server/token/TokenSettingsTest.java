package dev.tollgate.impl.server.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenSettingsTest {

    @Test
    void defaults() {
        TokenSettings settings = TokenSettings.from(ConfigSource.of(Map.of()));

        assertEquals(TokenSettings.defaults(), settings);
        assertEquals(Duration.ofMinutes(15), settings.accessTokenLifetime());
        assertEquals(Duration.ofDays(30), settings.refreshTokenLifetime());
        assertEquals(Duration.ofSeconds(10), settings.refreshGracePeriod());
        assertEquals(Duration.ofSeconds(5), settings.revocationCache());
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

        assertEquals(new TokenSettings(Optional.of("https://id.example.com"), Duration.ofMinutes(5),
                Duration.ofDays(7), Duration.ZERO, Duration.ofSeconds(1), List.of("api", "other")), settings);
        assertEquals("https://id.example.com", settings.issuerFor(URI.create("http://other:8080/")));
    }

    @Test
    void issuerWithoutConfigurationIsTheRequestBaseUrl() {
        TokenSettings settings = TokenSettings.defaults();

        assertEquals("http://localhost:9080", settings.issuerFor(URI.create("http://localhost:9080/")));
        assertEquals("https://as.example.com", settings.issuerFor(URI.create("https://as.example.com:443/x/")));
        assertEquals("http://as.example.com", settings.issuerFor(URI.create("HTTP://as.example.com:80/")));
        assertEquals(List.of("http://localhost:9080"), settings.defaultAudienceFor("http://localhost:9080"));
    }

    @Test
    void invalidValuesNameTheirKey() {
        for (Map<String, String> bad : List.of(Map.of("tollgate.server.issuer", "not a url"),
                Map.of("tollgate.server.issuer", "https://a.example/?q=1"),
                Map.of("tollgate.server.access-token-lifetime", "0s"),
                Map.of("tollgate.server.refresh-token-lifetime", "soon"),
                Map.of("tollgate.server.refresh-grace-period", "1h"))) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> TokenSettings.from(ConfigSource.of(bad)));
            assertEquals(bad.keySet().iterator().next(), e.key());
        }
    }
}
