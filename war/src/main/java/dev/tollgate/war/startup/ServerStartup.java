package dev.tollgate.war.startup;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import dev.tollgate.impl.server.bootstrap.DeclaredClients;
import dev.tollgate.impl.server.key.KeySettings;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.SchemaMigrations;
import dev.tollgate.impl.server.token.TokenLifetimes;
import dev.tollgate.impl.server.token.TokenSettings;
import java.util.List;

/**
 * What the server does once at start, in order:
 * <ol>
 *   <li>read the declared clients (so that a configuration mistake fails before the database is touched), and
 *       check that no access-token lifetime, the server's or a declared client's, exceeds
 *       {@code tollgate.keys.max-token-lifetime};</li>
 *   <li>migrate the schema (Flyway);</li>
 *   <li>create the bootstrap administrator if configured and absent;</li>
 *   <li>upsert the declared clients, and delete those no longer declared;</li>
 *   <li>load the signing keys, generating the first or rotating when due, and check they can be decrypted.</li>
 * </ol>
 * Any failure is thrown: the deployment must fail rather than serve half set up. Plain Java, so it is tested
 * without a container; {@link TollgateStartup} calls it from CDI.
 */
final class ServerStartup {

    private ServerStartup() {
    }

    /**
     * @param propertyNames the configuration's property names, where {@code tollgate.clients.<id>.*} are found
     * @throws ConfigurationException naming the key at fault
     */
    static void run(AuthorizationServerStores stores, ConfigSource config, Iterable<String> propertyNames) {
        List<ClientDefinition> declared = DeclaredClients.load(config, propertyNames);
        TokenLifetimes.requireWithinKeyRetention(TokenSettings.from(config), KeySettings.from(config), declared);
        SchemaMigrations.migrate(stores.dataSource());
        BootstrapAdmin.run(config, stores.users());
        DeclaredClients.apply(declared, stores.clients());
        stores.signingKeys().initialize();
    }
}
