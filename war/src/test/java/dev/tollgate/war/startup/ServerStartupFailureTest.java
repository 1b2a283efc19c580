package dev.tollgate.war.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.token.Issuer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misconfiguration fails the start, naming the key, before the database is touched. */
class ServerStartupFailureTest {

    @TempDir
    Path serverOutput;

    /** {@link #startWith} the required issuer and {@code keys}. */
    private static void start(DataSource dataSource, Map<String, String> keys) {
        Map<String, String> withIssuer = new HashMap<>(keys);
        withIssuer.put(Issuer.KEY, "https://as.example.com");
        startWith(dataSource, withIssuer);
    }

    /** The start as TollgateStartup runs it: the settings read once, the server composed, the start-up sequence. */
    private static void startWith(DataSource dataSource, Map<String, String> keys) {
        ConfigSource config = ConfigSource.of(keys);
        ServerStartup.run(new AuthorizationServer(dataSource, ServerSettings.from(config, keys.keySet()),
                Clock.systemUTC()), config);
    }

    @Test
    void missingIssuerFailsBeforeAnyMigrationSayingHowToSetIt() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Map<String, String> keys = Map.of("server.output.dir", serverOutput.toString());

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> startWith(dataSource, keys));

        assertEquals(Issuer.KEY, e.key());
        assertTrue(e.getMessage().contains("TOLLGATE_SERVER_ISSUER"), e.getMessage());
        try (Connection connection = dataSource.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, "PUBLIC", "USERS", null)) {
            assertFalse(tables.next(), "no migration ran");
        }
    }

    @Test
    void invalidClientDeclarationFailsBeforeAnyMigration() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Map<String, String> keys = Map.of("server.output.dir", serverOutput.toString(),
                "user.home", serverOutput.resolve("home").toString(),
                "tollgate.clients.web.public", "true", "tollgate.clients.web.grants", "client_credentials");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> start(dataSource, keys));

        assertEquals("tollgate.clients.web.grants", e.key());
        try (Connection connection = dataSource.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, "PUBLIC", "USERS", null)) {
            assertFalse(tables.next(), "no migration ran");
        }
    }

    @Test
    void invalidKeySettingFailsNamingTheKey() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID());
        Map<String, String> keys = Map.of("server.output.dir", serverOutput.toString(),
                "user.home", serverOutput.resolve("home").toString(),
                "tollgate.keys.algorithm", "none");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> start(dataSource, keys));

        assertEquals("tollgate.keys.algorithm", e.key());
    }

    @Test
    void accessTokenLifetimeLongerThanTheKeysMaxTokenLifetimeFailsNamingTheKey() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID());
        Map<String, String> server = Map.of("server.output.dir", serverOutput.toString(),
                "user.home", serverOutput.resolve("home").toString(),
                "tollgate.keys.max-token-lifetime", "1h", "tollgate.server.access-token-lifetime", "2h");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> start(dataSource, server));
        assertEquals("tollgate.server.access-token-lifetime", e.key());

        Map<String, String> client = Map.of("server.output.dir", serverOutput.toString(),
                "user.home", serverOutput.resolve("home").toString(),
                "tollgate.keys.max-token-lifetime", "1h",
                "tollgate.clients.svc.secret", "svc-secret-0123456789abcdef",
                "tollgate.clients.svc.grants", "client_credentials",
                "tollgate.clients.svc.access-token-lifetime", "61m");
        ConfigurationException clientError = assertThrows(ConfigurationException.class,
                () -> start(dataSource, client));
        assertEquals("tollgate.clients.svc.access-token-lifetime", clientError.key());
    }
}
