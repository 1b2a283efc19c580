package dev.tollgate.war.startup;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.assertion.ClientAssertionSettings;
import dev.tollgate.impl.server.audit.AuditSettings;
import dev.tollgate.impl.server.authorize.AuthorizeSettings;
import dev.tollgate.impl.server.authorize.ParSettings;
import dev.tollgate.impl.server.authorize.ScopeDescriptions;
import dev.tollgate.impl.server.bootstrap.ConsoleClient;
import dev.tollgate.impl.server.bootstrap.DeclaredClients;
import dev.tollgate.impl.server.dpop.DpopSettings;
import dev.tollgate.impl.server.housekeeping.HousekeepingSettings;
import dev.tollgate.impl.server.key.KeyEncryptionKey;
import dev.tollgate.impl.server.key.KeyEncryptionKeys;
import dev.tollgate.impl.server.key.KeySettings;
import dev.tollgate.impl.server.registration.RegistrationSettings;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.token.TokenLifetimes;
import dev.tollgate.impl.server.token.TokenSettings;
import java.util.List;
import java.util.Objects;

/**
 * Every setting of the authorization server, read once at start into the records of the parts that use them, and
 * checked together: a value that is invalid alone, or only with another (an access-token lifetime longer than the
 * signing keys' {@code tollgate.keys.max-token-lifetime}), fails the start with a {@link ConfigurationException}
 * naming the key, before the database is touched.
 *
 * <p>The bootstrap administrator's password is not kept here: {@link ServerStartup} reads it, uses it and wipes it,
 * rather than hold it for the life of the application.
 *
 * @param keyEncryptionKey  the key that encrypts the signing keys in the database ({@link KeyEncryptionKeys})
 * @param scopeDescriptions the consent page's words for each scope ({@code tollgate.scopes.<scope>.description},
 *                          looked up per scope: any scope may have one)
 * @param declaredClients   the clients declared by configuration ({@code tollgate.clients.*}) and the console's built-in client
 * @param dpop              how DPoP proofs are checked ({@code tollgate.server.dpop.*})
 * @param audit             the audit trail's settings ({@code tollgate.server.audit.*})
 * @param clientAssertions  private_key_jwt client authentication ({@code tollgate.server.client-assertion.*})
 * @param par               pushed authorization requests ({@code tollgate.server.par.*})
 */
public record ServerSettings(TokenSettings tokens, KeySettings keys, KeyEncryptionKey keyEncryptionKey,
                             AuthorizeSettings authorize, RegistrationSettings registration,
                             HousekeepingSettings housekeeping, ScopeDescriptions scopeDescriptions,
                             List<ClientDefinition> declaredClients, DpopSettings dpop, AuditSettings audit,
                             ClientAssertionSettings clientAssertions, ParSettings par) {

    public ServerSettings {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
        Objects.requireNonNull(authorize, "authorize");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(housekeeping, "housekeeping");
        Objects.requireNonNull(scopeDescriptions, "scopeDescriptions");
        declaredClients = List.copyOf(declaredClients);
        Objects.requireNonNull(dpop, "dpop");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clientAssertions, "clientAssertions");
        Objects.requireNonNull(par, "par");
    }

    /**
     * @param propertyNames the configuration's property names, where {@code tollgate.clients.<id>.*} are found
     * @throws ConfigurationException naming the key at fault
     */
    public static ServerSettings from(ConfigSource config, Iterable<String> propertyNames) {
        TokenSettings tokens = TokenSettings.from(config);
        // The console's built-in client (tollgate.console.enabled) is upserted and retired like a declared one.
        List<ClientDefinition> declared = ConsoleClient.withConsole(DeclaredClients.load(config, propertyNames),
                config, tokens.issuer());
        KeySettings keys = KeySettings.from(config);
        TokenLifetimes.requireWithinKeyRetention(tokens, keys, declared);
        AuthorizeSettings authorize = AuthorizeSettings.from(config);
        ClientAssertionSettings clientAssertions = ClientAssertionSettings.from(config);
        ParSettings par = ParSettings.from(config);
        RegistrationSettings registration = RegistrationSettings.from(config);
        HousekeepingSettings housekeeping = HousekeepingSettings.from(config);
        DpopSettings dpop = DpopSettings.from(config);
        // The gate knows nothing of a purged client: its access tokens must have expired by then.
        if (housekeeping.deletedClientRetention().compareTo(keys.maxTokenLifetime()) < 0) {
            throw new ConfigurationException(HousekeepingSettings.PREFIX + "purge-deleted-clients",
                    "must be at least tollgate.keys.max-token-lifetime (" + keys.maxTokenLifetime() + ")");
        }
        AuditSettings audit = AuditSettings.from(config);
        // Last: without a configured key it generates the key file, which a rejected configuration should not leave.
        KeyEncryptionKey keyEncryptionKey = KeyEncryptionKeys.resolve(config);
        return new ServerSettings(tokens, keys, keyEncryptionKey, authorize, registration, housekeeping,
                new ScopeDescriptions(config), declared, dpop, audit, clientAssertions, par);
    }
}
