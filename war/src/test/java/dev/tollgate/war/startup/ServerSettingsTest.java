package dev.tollgate.war.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.authorize.AuthorizeSettings;
import dev.tollgate.impl.server.housekeeping.HousekeepingSettings;
import dev.tollgate.impl.server.key.KeyEncryptionKeys;
import dev.tollgate.impl.server.key.KeySettings;
import dev.tollgate.impl.server.registration.RegistrationLimits;
import dev.tollgate.impl.server.registration.RegistrationSettings;
import dev.tollgate.impl.server.token.Issuer;
import dev.tollgate.impl.server.token.TokenSettings;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's one reading of its configuration: every part's settings, each invalid value named by its key. */
class ServerSettingsTest {

    private static final String ENCRYPTION_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String ISSUER = "https://as.example.com";

    /** Reads {@code pairs} over the two settings that have no default: the issuer and the encryption key. */
    private static ServerSettings read(String... pairs) {
        Map<String, String> keys = new HashMap<>(Map.of(KeyEncryptionKeys.KEY, ENCRYPTION_KEY, Issuer.KEY, ISSUER));
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put(pairs[i], pairs[i + 1]);
        }
        return ServerSettings.from(ConfigSource.of(keys), keys.keySet());
    }

    @Test
    void fromWhenOnlyTheIssuerSetThenEveryPartsDefaults() {
        ServerSettings settings = read();

        assertEquals(TokenSettings.defaults(new Issuer(ISSUER)), settings.tokens());
        assertEquals(KeySettings.defaults(), settings.keys());
        assertEquals(AuthorizeSettings.defaults(), settings.authorize());
        assertEquals(RegistrationSettings.defaults(), settings.registration());
        assertEquals(HousekeepingSettings.defaults(), settings.housekeeping());
        // Only the console's built-in client (tollgate.console.enabled defaults to true).
        assertEquals(List.of("tollgate-console"),
                settings.declaredClients().stream().map(c -> c.id().value()).toList());
    }

    @Test
    void fromWhenIssuerSetThenOneIssuerWithoutTrailingSlash() {
        assertEquals(new Issuer("https://as.example.com"),
                read("tollgate.server.issuer", "https://as.example.com/").tokens().issuer());
    }

    @Test
    void fromWhenIssuerUnsetThenFailsNamingItsKey() {
        Map<String, String> keys = Map.of(KeyEncryptionKeys.KEY, ENCRYPTION_KEY);

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServerSettings.from(ConfigSource.of(keys), keys.keySet()));

        assertEquals(Issuer.KEY, e.key());
    }

    @Test
    void fromWhenClientsDeclaredThenRead() {
        ServerSettings settings = read("tollgate.clients.reporting.secret", "reporting-secret-0123456789",
                "tollgate.clients.reporting.grants", "client_credentials");

        assertEquals("reporting", settings.declaredClients().get(0).id().value());
    }

    @Test
    void fromWhenAnyPartsValueIsInvalidThenFailsNamingItsKey() {
        for (String[] bad : List.of(
                new String[] {"tollgate.server.issuer", "/relative"},
                new String[] {"tollgate.keys.algorithm", "none"},
                new String[] {"tollgate.server.authorization-code-lifetime", "1h"},
                new String[] {"tollgate.server.login.max-failures", "0"},
                new String[] {"tollgate.registration.mode", "anyone"},
                new String[] {"tollgate.server.purge-interval", "10s"},
                new String[] {"tollgate.server.purge-deleted-clients", "1h"},
                new String[] {"tollgate.registration.max-clients-per-owner", "0"},
                new String[] {"tollgate.registration.rate-limit", "many"},
                new String[] {"tollgate.registration.rate-window", "0s"},
                new String[] {KeyEncryptionKeys.KEY, "not-a-key"})) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(bad),
                    () -> String.join("=", bad));
            assertEquals(bad[0], e.key());
        }
    }

    @Test
    void fromWhenRegistrationLimitsSetThenRead() {
        RegistrationLimits limits = read("tollgate.registration.max-clients-per-owner", "5",
                "tollgate.registration.rate-limit", "8", "tollgate.registration.rate-window", "1m").registration()
                .limits();

        assertEquals(new RegistrationLimits(5, 8, Duration.ofMinutes(1)), limits);
        assertEquals(Duration.ofMillis(7500), limits.interval());
    }

    @Test
    void fromWhenDeletedClientsWouldBePurgedBeforeTheirTokensExpireThenFails() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(
                "tollgate.keys.max-token-lifetime", "3d", "tollgate.server.purge-deleted-clients", "2d"));

        assertEquals("tollgate.server.purge-deleted-clients", e.key());
        assertEquals(Duration.ofDays(3), read("tollgate.keys.max-token-lifetime", "3d",
                "tollgate.server.purge-deleted-clients", "3d").housekeeping().deletedClientRetention());
    }
}
