package dev.tollgate.impl.server.token;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.key.KeySettings;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenLifetimesTest {

    private static final KeySettings KEYS = KeySettings.from(ConfigSource.of(Map.of(
            "tollgate.keys.max-token-lifetime", "1h")));

    private static ClientDefinition client(Duration lifetime) {
        return ClientDefinition.builder(new ClientId("svc")).name("svc")
                .grantTypes(GrantType.PASSWORD).accessTokenLifetime(lifetime).build();
    }

    private static TokenSettings server(String lifetime) {
        return TokenSettings.from(ConfigSource.of(Map.of("tollgate.server.issuer", "https://as.example.com",
                "tollgate.server.access-token-lifetime", lifetime)));
    }

    @Test
    void lifetimesUpToTheKeysMaxTokenLifetimeAreAccepted() {
        assertDoesNotThrow(() -> TokenLifetimes.requireWithinKeyRetention(server("1h"), KEYS,
                List.of(client(Duration.ofHours(1)))));
        assertDoesNotThrow(() -> TokenLifetimes.requireWithinKeyRetention(
                TokenSettings.defaults(new Issuer("https://as.example.com")), KeySettings.defaults(), List.of()));
    }

    @Test
    void serverLifetimeLongerThanMaxTokenLifetimeFailsNamingTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> TokenLifetimes.requireWithinKeyRetention(server("61m"), KEYS, List.of()));

        assertEquals("tollgate.server.access-token-lifetime", e.key());
        assertTrue(e.getMessage().contains("tollgate.keys.max-token-lifetime"));
    }

    @Test
    void declaredClientsLifetimeLongerThanMaxTokenLifetimeFailsNamingItsKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> TokenLifetimes.requireWithinKeyRetention(server("5m"), KEYS,
                        List.of(client(Duration.ofMinutes(90)))));

        assertEquals("tollgate.clients.svc.access-token-lifetime", e.key());
    }
}
