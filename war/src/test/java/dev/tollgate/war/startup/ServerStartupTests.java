package dev.tollgate.war.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.token.Issuer;
import dev.tollgate.impl.testing.LogCapture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole start-up sequence against a real database; run on H2 and PostgreSQL by the subclasses. */
abstract class ServerStartupTests extends DatabaseTest {

    private static final String ADMIN_PASSWORD = "Admin-Pa55word-123";
    private static final String CLIENT_SECRET = "reporting-secret-0123456789";

    @TempDir
    Path serverOutput;

    @Test
    void startThenRestartCreatesTheAdminOnceAndKeepsTheSigningKey() {
        Map<String, String> keys = configuration();

        AuthorizationServer first = start(keys);
        String kid = first.signingKeys().signingKey().getKeyID();
        AuthorizationServer restarted = start(keys);

        assertEquals(1, restarted.users().count());
        assertEquals(Set.of(BootstrapAdmin.ADMIN_ROLE),
                restarted.users().verifyPassword("admin@example.com", ADMIN_PASSWORD.toCharArray()).orElseThrow()
                        .roles());
        assertTrue(restarted.plainCredentialVerifier()
                .verify("admin@example.com", ADMIN_PASSWORD.toCharArray()).isPresent());
        assertEquals(kid, restarted.signingKeys().signingKey().getKeyID());
        assertEquals(first.signingKeys().publicKeys().getKeys(), restarted.signingKeys().publicKeys().getKeys());
    }

    @Test
    void startUpsertsTheDeclaredClients() {
        AuthorizationServer server = start(configuration());

        assertTrue(server.clients().authenticate(new ClientId("reporting"), CLIENT_SECRET).isPresent());
        assertTrue(server.clients().find(new ClientId("reporting")).orElseThrow().declared());
    }

    @Test
    void startWithoutAdminSettingsSaysTheServerHasNoUsers() {
        Map<String, String> keys = configuration();
        keys.remove(BootstrapAdmin.EMAIL_KEY);
        keys.remove(BootstrapAdmin.PASSWORD_KEY);
        try (LogCapture logs = new LogCapture()) {
            AuthorizationServer server = start(keys);

            assertEquals(0, server.users().count());
            assertTrue(logs.has(Level.WARNING, "without users"));
        }
    }

    @Test
    void startNeverLogsAPasswordOrSecret() {
        try (LogCapture logs = new LogCapture()) {
            start(configuration());

            assertFalse(logs.all().contains(ADMIN_PASSWORD));
            assertFalse(logs.all().contains(CLIENT_SECRET));
            assertTrue(logs.has(Level.INFO, "reporting"), "client ids are logged");
        }
    }

    private Map<String, String> configuration() {
        Map<String, String> keys = new HashMap<>();
        keys.put("server.output.dir", serverOutput.toString());
        keys.put(Issuer.KEY, "https://as.example.com");
        keys.put("user.home", serverOutput.resolve("home").toString()); // where a generated key goes
        keys.put(BootstrapAdmin.EMAIL_KEY, "admin@example.com");
        keys.put(BootstrapAdmin.PASSWORD_KEY, ADMIN_PASSWORD);
        keys.put("tollgate.clients.reporting.secret", CLIENT_SECRET);
        keys.put("tollgate.clients.reporting.grants", "client_credentials");
        keys.put("tollgate.clients.reporting.scopes", "reports:read");
        return keys;
    }

    /**
     * One server start: the settings read, a new server over the same database and server folder, then the start-up
     * sequence.
     */
    private AuthorizationServer start(Map<String, String> keys) {
        ConfigSource config = ConfigSource.of(keys);
        AuthorizationServer server = new AuthorizationServer(dataSource(), ServerSettings.from(config, keys.keySet()),
                Clock.systemUTC());
        ServerStartup.run(server, config);
        return server;
    }
}
