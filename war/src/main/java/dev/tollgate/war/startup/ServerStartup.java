package dev.tollgate.war.startup;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import dev.tollgate.impl.server.bootstrap.DeclaredClients;
import dev.tollgate.impl.server.store.SchemaMigrations;
import dev.tollgate.impl.server.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;

/**
 * What the server does once at start, after its {@link ServerSettings} were read (so that a configuration mistake
 * fails before the database is touched), in order:
 * <ol>
 *   <li>check that the database can be reached at all (one connection), so that an outage is told at once rather
 *       after Flyway's own connection retries;</li>
 *   <li>warn when the embedded H2 database has an empty password;</li>
 *   <li>migrate the schema (Flyway);</li>
 *   <li>create the bootstrap administrator if configured and absent;</li>
 *   <li>upsert the declared clients, and delete those no longer declared;</li>
 *   <li>load the signing keys, generating the first or rotating when due, and check they can be decrypted.</li>
 * </ol>
 * Any failure is thrown: the deployment must fail rather than serve half set up, except that an unreachable
 * database is waited for ({@link DatabaseStartup}). Every step may run again after a partial failure. Plain Java, so
 * it is tested without a container; {@link TollgateStartup} calls it from CDI.
 */
final class ServerStartup {

    private static final int CONNECT_CHECK_SECONDS = 5;

    private ServerStartup() {
    }

    /**
     * @param config where the bootstrap administrator's email and password are read, the one reading not kept in
     *               the settings (see {@link ServerSettings})
     * @throws ConfigurationException naming the key at fault
     */
    static void run(AuthorizationServer server, ConfigSource config) {
        requireReachable(server.dataSource());
        EmbeddedDatabasePassword.warnWhenEmpty(server.dataSource(), config);
        SchemaMigrations.migrate(server.dataSource());
        BootstrapAdmin.run(config, server.users());
        DeclaredClients.apply(server.settings().declaredClients(), server.clients(), server.passwords());
        server.signingKeys().initialize();
    }

    /** @throws StoreException carrying the driver's SQLException when no connection can be had */
    static void requireReachable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            // One round trip: a pool may hand out a connection that died with the database.
            if (!connection.isValid(CONNECT_CHECK_SECONDS)) {
                throw new SQLTransientConnectionException("the database did not answer", "08006");
            }
        } catch (SQLException e) {
            throw new StoreException("connect", e);
        }
    }
}
