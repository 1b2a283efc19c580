package dev.tollgate.impl.server.registration;

import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The RFC 7591/7592 side of the {@code clients} table (columns of V4): the registered metadata that the token
 * endpoint does not need, and the hash of the registration access token. The defining columns are written through
 * {@link ClientStore}.
 *
 * <p>Thread-safe; the database is the only state.
 */
public final class RegistrationStore {

    private static final String COLUMNS = "token_endpoint_auth_method, response_types, client_uri, logo_uri, tos_uri,"
            + " policy_uri, registration_token_hash, jwks, jwks_uri, require_pushed_requests";
    private static final byte[] NO_HASH = SecretHash.sha256("no registration access token");

    private final DataSource dataSource;
    private final ClientStore clients;
    private final Clock clock;

    public RegistrationStore(DataSource dataSource, ClientStore clients, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A live client with its registered metadata. */
    public record Registered(Client client, ClientMetadata metadata) {
    }

    /**
     * Stores a new client (its id is fresh) with its metadata and registration access token, within the caller's
     * transaction (the {@link RegistrationLimiter}'s).
     */
    public Registered create(Connection connection, ClientDefinition definition, ClientMetadata metadata,
                             SecretHash registrationToken) throws SQLException {
        Client client = clients.insert(connection, definition);
        writeMetadata(connection, client.id(), metadata, registrationToken);
        return new Registered(client, metadata);
    }

    /**
     * Replaces the metadata of a live client (RFC 7592 §2.2) and its registration access token.
     *
     * @param secretHash the new secret hash; empty keeps the current one (or makes the client public when the
     *                   metadata says {@code none})
     * @return false when the client is unknown or deleted
     */
    public boolean update(ClientId id, ClientMetadata metadata, String name, Optional<SecretHash> secretHash,
                          SecretHash registrationToken) {
        String sql = "UPDATE clients SET name = ?, redirect_uris = ?, grant_types = ?, scopes = ?,"
                + " dpop_bound_access_tokens = ?,"
                + (metadata.authMethod().usesClientSecret() ? (secretHash.isPresent() ? " secret_hash = ?," : "")
                : " secret_hash = NULL, previous_secret_hash = NULL, previous_secret_expires_at = NULL,")
                + " updated_at = ? WHERE client_id = ? AND deleted_at IS NULL";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            int i = 1;
            update.setString(i++, name);
            update.setString(i++, Sql.words(metadata.redirectUris()));
            update.setString(i++, Sql.words(metadata.grantTypes().stream().map(g -> g.value()).toList()));
            update.setString(i++, Sql.words(metadata.scope()));
            update.setBoolean(i++, metadata.dpopBoundAccessTokens());
            if (metadata.authMethod().usesClientSecret() && secretHash.isPresent()) {
                update.setString(i++, secretHash.get().hex());
            }
            Sql.setInstant(update, i++, clock.instant());
            update.setString(i, id.value());
            if (update.executeUpdate() == 0) {
                return false;
            }
        } catch (SQLException e) {
            throw new StoreException("update registered client " + id, e);
        } finally {
            clients.forget(id);
        }
        writeMetadata(id, metadata, registrationToken);
        clients.forget(id);
        return true;
    }

    /**
     * The live client whose registration access token this is, in constant time for the comparison.
     *
     * @return empty when the client is unknown, deleted, not registered, or the token does not match
     */
    public Optional<Registered> authorize(ClientId id, String registrationAccessToken) {
        Optional<Client> client = clients.find(id);
        Optional<Columns> columns = client.isPresent() ? readColumns(id) : Optional.empty();
        byte[] stored = columns.flatMap(Columns::tokenHash).map(SecretHash::bytes).orElse(NO_HASH);
        boolean matches = MessageDigest.isEqual(stored, SecretHash.sha256(registrationAccessToken));
        if (!matches || client.isEmpty() || columns.get().tokenHash().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Registered(client.get(), columns.get().metadata(client.get())));
    }

    /** The live client with its metadata (derived from the client for a declared one). */
    public Optional<Registered> find(ClientId id) {
        return clients.find(id).map(client -> new Registered(client,
                readColumns(id).map(columns -> columns.metadata(client)).orElseGet(() -> derived(client,
                        Optional.empty(), Optional.empty()))));
    }

    /**
     * Soft-deletes the client (RFC 7592 §2.3; the row stays for audit) and, in the same transaction, revokes every
     * refresh token issued to it. Its access tokens are refused by {@code AccountRevocationChecker}.
     *
     * @return false when it was unknown or already deleted
     */
    public boolean softDelete(ClientId id) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                int deleted;
                try (PreparedStatement update = connection.prepareStatement("UPDATE clients SET deleted_at = ?,"
                        + " updated_at = ?, registration_token_hash = NULL WHERE client_id = ? AND deleted_at IS NULL")) {
                    Sql.setInstant(update, 1, now);
                    Sql.setInstant(update, 2, now);
                    update.setString(3, id.value());
                    deleted = update.executeUpdate();
                }
                if (deleted > 0) {
                    try (PreparedStatement revoke = connection.prepareStatement("UPDATE refresh_tokens SET"
                            + " revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL")) {
                        Sql.setInstant(revoke, 1, now);
                        revoke.setString(2, id.value());
                        revoke.executeUpdate();
                    }
                }
                connection.commit();
                return deleted > 0;
            } catch (SQLException | RuntimeException e) {
                Sql.rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("delete client " + id, e);
        } finally {
            clients.forget(id);
        }
    }

    /** The metadata of a client without registered columns (declared, or from before V4). */
    static ClientMetadata derived(Client client, Optional<ClientAuthMethod> method,
                                  Optional<List<String>> responseTypes) {
        boolean code = client.allowsGrant(GrantType.AUTHORIZATION_CODE);
        return new ClientMetadata(Optional.of(client.name()), client.redirectUris(), client.grantTypes(),
                responseTypes.orElse(code ? List.of("code") : List.of()),
                method.orElse(client.confidential() ? ClientAuthMethod.CLIENT_SECRET_BASIC
                        : ClientAuthMethod.NONE),
                client.scopes(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                client.dpopBoundAccessTokens(), Optional.empty(), Optional.empty(), false);
    }

    private void writeMetadata(ClientId id, ClientMetadata metadata, SecretHash registrationToken) {
        try (Connection connection = dataSource.getConnection()) {
            writeMetadata(connection, id, metadata, registrationToken);
        } catch (SQLException e) {
            throw new StoreException("write client metadata " + id, e);
        }
    }

    private static void writeMetadata(Connection connection, ClientId id, ClientMetadata metadata,
                                      SecretHash registrationToken) throws SQLException {
        String sql = "UPDATE clients SET token_endpoint_auth_method = ?, response_types = ?, client_uri = ?,"
                + " logo_uri = ?, tos_uri = ?, policy_uri = ?, registration_token_hash = ?, jwks = ?, jwks_uri = ?,"
                + " require_pushed_requests = ? WHERE client_id = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, metadata.authMethod().value());
            update.setString(2, Sql.words(metadata.responseTypes()));
            update.setString(3, metadata.clientUri().orElse(null));
            update.setString(4, metadata.logoUri().orElse(null));
            update.setString(5, metadata.tosUri().orElse(null));
            update.setString(6, metadata.policyUri().orElse(null));
            update.setString(7, registrationToken.hex());
            update.setString(8, metadata.jwks().orElse(null));
            update.setString(9, metadata.jwksUri().orElse(null));
            update.setBoolean(10, metadata.requirePushedRequests());
            update.setString(11, id.value());
            update.executeUpdate();
        }
    }

    private Optional<Columns> readColumns(ClientId id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM clients WHERE client_id = ? AND deleted_at IS NULL")) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Columns(
                        Optional.ofNullable(rows.getString("token_endpoint_auth_method"))
                                .flatMap(ClientAuthMethod::parse),
                        Optional.ofNullable(rows.getString("response_types")).map(Sql::wordList),
                        Optional.ofNullable(rows.getString("client_uri")),
                        Optional.ofNullable(rows.getString("logo_uri")),
                        Optional.ofNullable(rows.getString("tos_uri")),
                        Optional.ofNullable(rows.getString("policy_uri")),
                        Optional.ofNullable(rows.getString("registration_token_hash")).map(SecretHash::parse),
                        Optional.ofNullable(rows.getString("jwks")), Optional.ofNullable(rows.getString("jwks_uri")),
                        rows.getBoolean("require_pushed_requests")));
            }
        } catch (SQLException e) {
            throw new StoreException("read client metadata " + id, e);
        }
    }

    private record Columns(Optional<ClientAuthMethod> method, Optional<List<String>> responseTypes,
                           Optional<String> clientUri, Optional<String> logoUri, Optional<String> tosUri,
                           Optional<String> policyUri, Optional<SecretHash> tokenHash, Optional<String> jwks,
                           Optional<String> jwksUri, boolean requirePushedRequests) {

        ClientMetadata metadata(Client client) {
            ClientMetadata base = derived(client, method, responseTypes);
            return new ClientMetadata(base.clientName(), base.redirectUris(), base.grantTypes(),
                    base.responseTypes(), base.authMethod(), base.scope(), clientUri, logoUri, tosUri, policyUri,
                    base.dpopBoundAccessTokens(), jwks, jwksUri, requirePushedRequests);
        }
    }
}
