package dev.tollgate.war.startup;

import dev.tollgate.impl.server.key.SigningKeyStore;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.JdbcPlainCredentialVerifier;
import dev.tollgate.impl.server.store.UserStore;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The authorization server's database-backed services, built once per application from the DataSource and the
 * {@link ServerSettings}. Building them touches no database (so it can happen before the migrations).
 */
public record AuthorizationServerStores(DataSource dataSource, UserStore users, ClientStore clients,
                                        SigningKeyStore signingKeys,
                                        JdbcPlainCredentialVerifier plainCredentialVerifier) {

    public AuthorizationServerStores {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(signingKeys, "signingKeys");
        Objects.requireNonNull(plainCredentialVerifier, "plainCredentialVerifier");
    }

    public static AuthorizationServerStores create(DataSource dataSource, ServerSettings settings, Clock clock) {
        UserStore users = new UserStore(dataSource, PasswordHasher.owasp(), clock);
        SigningKeyStore signingKeys = new SigningKeyStore(dataSource, settings.keys(),
                settings.keyEncryptionKey(), clock);
        return new AuthorizationServerStores(dataSource, users, new ClientStore(dataSource, clock), signingKeys,
                new JdbcPlainCredentialVerifier(users));
    }
}
