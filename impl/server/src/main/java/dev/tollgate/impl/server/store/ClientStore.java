package dev.tollgate.impl.server.store;

import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.secret.ClientSecretVerifier;
import dev.tollgate.impl.server.secret.SaltedSecretHash;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.secret.StoredSecret;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * OAuth clients in the {@code clients} table.
 *
 * <p>Deleting is soft ({@code deleted_at}): a deleted client is invisible to every lookup here, and its id is never
 * reused. Server-generated client secrets are kept as SHA-256 ({@link SecretHash}) and checked in constant time;
 * declared clients' secrets, chosen by an operator, as a salted PBKDF2 ({@link SaltedSecretHash}), checked by the
 * {@link ClientSecretVerifier}.
 *
 * <p><b>The active-client cache.</b> Client authentication reads the client on every token, revocation and
 * introspection request; a store built with a {@code cacheFor} keeps each active client it read for that long (the
 * server passes {@code tollgate.server.revocation-cache}), so that those requests cost no database round trip. A
 * change made through this store, or told to it ({@link #forget}, {@link #forgetAll}), is seen at once on this node;
 * a change made on another node is seen here within {@code cacheFor}: a deleted client, or a client of a disabled
 * owner, may authenticate on this node for at most that long (the same bound as the gate's revocation checks). A
 * presented secret that does not match a cached client is checked again against a fresh read, so a rotated or
 * updated secret works on every node at once. Unknown clients are never cached (ids sprayed at random cannot fill
 * the cache), and the cache holds at most {@value #MAX_CACHED_CLIENTS} clients (emptied when full).
 *
 * <p>Thread-safe; the database is the only state, and the cache a bounded copy of it.
 */
public final class ClientStore {

    /** The most active clients a store keeps in memory; more than any one deployment is expected to serve. */
    static final int MAX_CACHED_CLIENTS = 10_000;

    private static final String COLUMNS = "client_id, name, secret_hash, redirect_uris, grant_types, scopes,"
            + " is_global, skip_consent, declared, owner, access_token_lifetime_seconds,"
            + " refresh_token_lifetime_seconds, created_at, updated_at, previous_secret_hash,"
            + " previous_secret_expires_at, token_endpoint_auth_method, dpop_bound_access_tokens, jwks, jwks_uri,"
            + " require_pushed_requests";

    /** A live client whose owner, if the owner is a user, is not disabled (the unique email index serves it). */
    private static final String ACTIVE = " AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM users"
            + " WHERE users.email_normalized = clients.owner AND users.enabled = FALSE)";

    /** Compared against when there is no stored hash, so that every check costs the same. */
    private static final byte[] NO_HASH = SecretHash.sha256("no client secret");

    private final DataSource dataSource;
    private final Clock clock;
    private final ClientSecretVerifier secrets;
    private final Duration cacheFor;
    private final Map<ClientId, Cached> active = new ConcurrentHashMap<>();

    /** A store that checks salted secrets with a verifier shared by every such store of this class loader. */
    public ClientStore(DataSource dataSource, Clock clock) {
        this(dataSource, clock, SharedVerifier.INSTANCE);
    }

    /** A store without the active-client cache: every lookup reads the database. */
    public ClientStore(DataSource dataSource, Clock clock, ClientSecretVerifier secrets) {
        this(dataSource, clock, secrets, Duration.ZERO);
    }

    /**
     * @param cacheFor how long an active client read for client authentication is kept on this node (see the
     *                 class comment); zero: not at all
     */
    public ClientStore(DataSource dataSource, Clock clock, ClientSecretVerifier secrets, Duration cacheFor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
        if (cacheFor.isNegative()) {
            throw new IllegalArgumentException("cacheFor must not be negative: " + cacheFor);
        }
    }

    /** Drops this client from the active-client cache: it changed (on this node), or may have. */
    public void forget(ClientId id) {
        active.remove(id);
    }

    /**
     * Empties the active-client cache: something that decides whether clients are active changed on this node (a
     * user, who may own clients, was disabled or enabled).
     */
    public void forgetAll() {
        active.clear();
    }

    /**
     * Creates the client, or replaces every attribute of the existing one (including its secret hash, ending the
     * overlap of a previous secret) and undoes a soft delete. Safe when two nodes upsert the same client at once.
     *
     * @return the client as now stored
     */
    public Client upsert(ClientDefinition definition) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            if (!update(connection, definition, now)) {
                try {
                    insert(connection, definition, now);
                } catch (SQLException e) {
                    // Another node inserted it between our UPDATE and INSERT: it exists now, so update it.
                    if (!Sql.isUniqueViolation(e) || !update(connection, definition, now)) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("upsert client " + definition.id(), e);
        } finally {
            forget(definition.id());
        }
        return find(definition.id()).orElseThrow(() -> new IllegalStateException(
                "client " + definition.id() + " vanished right after it was written"));
    }

    /**
     * Creates a new client within the caller's transaction on {@code connection}: for a creation that must be atomic
     * with a check (the registration quota). Fails on an id that exists, deleted or not.
     *
     * @return the client as stored
     */
    public Client insert(Connection connection, ClientDefinition definition) throws SQLException {
        insert(connection, definition, clock.instant());
        return findRow(connection, definition.id(), "").map(Row::client).orElseThrow(() -> new IllegalStateException(
                "client " + definition.id() + " vanished right after it was written"));
    }

    /** The client unless unknown or deleted. */
    public Optional<Client> find(ClientId id) {
        return findRow(id, " AND deleted_at IS NULL").map(Row::client);
    }

    /**
     * The client when it may act: live, and not owned by a disabled user (a disabled user's clients stop with the
     * account, and start again when it is enabled).
     */
    public Optional<Client> findActive(ClientId id) {
        return activeRow(id).map(Row::client);
    }

    /**
     * Whether the tokens already issued to this client must stop: it was deleted, or the user who owns it is
     * disabled. False for an unknown client.
     */
    public boolean isRetired(ClientId id) {
        String sql = "SELECT 1 FROM clients WHERE client_id = ? AND (deleted_at IS NOT NULL OR EXISTS (SELECT 1"
                + " FROM users WHERE users.email_normalized = clients.owner AND users.enabled = FALSE))";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new StoreException("check client " + id, e);
        }
    }

    /**
     * Client authentication by secret ({@code client_secret_basic} / {@code client_secret_post}, RFC 6749 §2.3.1),
     * whichever way the secret came: for checks that are not an endpoint's client authentication. The endpoints use
     * {@link #authenticate(ClientId, String, ClientAuthMethod)}, which also holds the client to its registered
     * method.
     *
     * <p>The presented secret is checked by the {@link ClientSecretVerifier}: a server-generated secret's SHA-256
     * is compared in constant time ({@link MessageDigest#isEqual}), and an unknown, deleted or public client costs
     * the same comparison against a decoy; a declared client's salted hash costs one PBKDF2 until a success is
     * cached.
     *
     * @return the client when it is active ({@link #findActive}), is confidential and the secret matches; empty
     *         otherwise
     */
    public Optional<Client> authenticate(ClientId id, String presentedSecret) {
        return authenticate(id, presentedSecret, Optional.empty());
    }

    /**
     * Client authentication by a secret presented with {@code method}. A client with a registered
     * {@code token_endpoint_auth_method} (RFC 7591 §2: "Requested authentication method for the token endpoint")
     * authenticates with that method only: a secret of a {@code client_secret_basic} client sent in the body is
     * refused like a wrong secret (RFC 6749 §5.2, {@code invalid_client}). A client without one (declared without
     * it, or a service client) may use either.
     *
     * @param method {@code client_secret_basic} or {@code client_secret_post}
     * @return as {@link #authenticate(ClientId, String)}, and empty when the method is not the registered one
     */
    public Optional<Client> authenticate(ClientId id, String presentedSecret, ClientAuthMethod method) {
        if (!method.usesClientSecret()) {
            throw new IllegalArgumentException("not a client secret method: " + method.value());
        }
        return authenticate(id, presentedSecret, Optional.of(method));
    }

    private Optional<Client> authenticate(ClientId id, String presentedSecret, Optional<ClientAuthMethod> method) {
        Objects.requireNonNull(presentedSecret, "presentedSecret");
        Optional<Row> cached = cachedRow(id);
        if (cached.isPresent()) {
            Optional<Client> client = authenticate(cached, presentedSecret, method);
            if (client.isPresent()) {
                return client;
            }
            // A miss against a cached copy may be a secret changed on another node: ask the database, and check
            // again only what changed (a second PBKDF2 of a declared client's wrong secret would double its cost).
            Optional<Row> fresh = readActiveRow(id);
            return fresh.isEmpty() || sameCredentials(fresh.get(), cached.get()) ? Optional.empty()
                    : authenticate(fresh, presentedSecret, method);
        }
        return authenticate(readActiveRow(id), presentedSecret, method);
    }

    /** Whether two reads of a client hold the same secrets and authentication method. */
    private static boolean sameCredentials(Row a, Row b) {
        return a.secretHash().equals(b.secretHash()) && a.previousSecretHash().equals(b.previousSecretHash())
                && a.previousSecretExpiresAt().equals(b.previousSecretExpiresAt())
                && a.authMethod().equals(b.authMethod()) && a.jwks().equals(b.jwks())
                && a.jwksUri().equals(b.jwksUri());
    }

    private Optional<Client> authenticate(Optional<Row> row, String presentedSecret,
                                          Optional<ClientAuthMethod> method) {
        byte[] presented = SecretHash.sha256(presentedSecret);
        Optional<StoredSecret> stored = row.flatMap(Row::secretHash);
        boolean matches = false;
        if (stored.isPresent()) {
            matches = secrets.matches(stored.get(), presentedSecret);
        } else {
            MessageDigest.isEqual(NO_HASH, presented); // the cost of checking a server-generated secret
        }
        // After a rotation the previous secret keeps working until its expiry (always compared, for equal cost).
        Instant now = clock.instant();
        byte[] previous = row.flatMap(r -> r.previousSecretHash().filter(hash -> r.previousSecretExpiresAt()
                .map(now::isBefore).orElse(false))).map(SecretHash::bytes).orElse(NO_HASH);
        boolean matchesPrevious = MessageDigest.isEqual(previous, presented) && previous != NO_HASH;
        boolean registeredMethod = method.isEmpty() || row.flatMap(Row::authMethod).map(method.get()::equals)
                .orElse(true);
        return (matches || matchesPrevious) && registeredMethod && row.isPresent()
                && row.get().secretHash().isPresent() ? row.map(Row::client) : Optional.empty();
    }

    /**
     * Gives a confidential client a new secret. The current one becomes the previous secret and keeps working for
     * {@code overlap} (zero: it stops at once); a secret from before an earlier rotation stops now.
     *
     * @return when the previous secret stops working; empty when the client is unknown, deleted or public
     */
    public Optional<Instant> rotateSecret(ClientId id, SecretHash newSecret, Duration overlap) {
        Objects.requireNonNull(newSecret, "newSecret");
        String sql = "UPDATE clients SET previous_secret_hash = secret_hash, previous_secret_expires_at = ?,"
                + " secret_hash = ?, updated_at = ? WHERE client_id = ? AND deleted_at IS NULL"
                + " AND secret_hash IS NOT NULL";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            Instant now = clock.instant();
            Instant previousExpires = now.plus(overlap);
            Sql.setInstant(update, 1, previousExpires);
            update.setString(2, newSecret.hex());
            Sql.setInstant(update, 3, now);
            update.setString(4, id.value());
            return update.executeUpdate() > 0 ? Optional.of(previousExpires) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("rotate client secret " + id, e);
        } finally {
            forget(id);
        }
    }

    /**
     * Every live client, oldest first (an administrator's listing). The count and the page both read the index
     * {@code ix_clients_live} of V4.
     */
    public Page<Client> listAll(PageRequest request) {
        return listPage(" FROM clients WHERE deleted_at IS NULL", null, request);
    }

    /**
     * Marks the client deleted: it can no longer authenticate or be found, and its id stays taken.
     *
     * @return false when it was unknown or already deleted
     */
    public boolean softDelete(ClientId id) {
        String sql = "UPDATE clients SET deleted_at = ?, updated_at = ? WHERE client_id = ? AND deleted_at IS NULL";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            Instant now = clock.instant();
            Sql.setInstant(update, 1, now);
            Sql.setInstant(update, 2, now);
            update.setString(3, id.value());
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("delete client " + id, e);
        } finally {
            forget(id);
        }
    }

    /**
     * Deletes for good the clients soft-deleted before {@code cutoff}, in one transaction with what still refers to
     * them: their refresh tokens (revoked when the client was deleted), consents and authorization codes. A client
     * declared again meanwhile is live, and kept.
     *
     * <p>Run only once the client's access tokens have expired ({@code tollgate.server.purge-deleted-clients} is at
     * least {@code tollgate.keys.max-token-lifetime}): {@link #isRetired} knows nothing of a purged client.
     *
     * @return how many clients
     */
    public int purgeDeletedBefore(Instant cutoff) {
        String deleted = "SELECT client_id FROM clients WHERE deleted_at < ?";
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (String table : List.of("refresh_tokens", "consents", "authorization_codes")) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + table + " WHERE client_id IN (" + deleted + ")")) {
                        Sql.setInstant(delete, 1, cutoff);
                        delete.executeUpdate();
                    }
                }
                int clients;
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM clients WHERE deleted_at < ?")) {
                    Sql.setInstant(delete, 1, cutoff);
                    clients = delete.executeUpdate();
                }
                connection.commit();
                forgetAll();
                return clients;
            } catch (SQLException | RuntimeException e) {
                Sql.rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("purge deleted clients", e);
        }
    }

    /** The clients a user registered, oldest first. */
    public Page<Client> listByOwner(String owner, PageRequest request) {
        Objects.requireNonNull(owner, "owner");
        return listPage(" FROM clients WHERE owner = ? AND deleted_at IS NULL", owner, request);
    }

    /** COUNT and one LIMIT/OFFSET page; {@code owner}, when not null, binds the first parameter. */
    private Page<Client> listPage(String where, String owner, PageRequest request) {
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*)" + where)) {
                if (owner != null) {
                    count.setString(1, owner);
                }
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<Client> clients = new ArrayList<>();
            String sql = "SELECT " + COLUMNS + where
                    + " ORDER BY created_at, client_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int next = 1;
                if (owner != null) {
                    select.setString(next++, owner);
                }
                select.setLong(next++, request.offset());
                select.setInt(next, request.size());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        clients.add(map(rows).client());
                    }
                }
            }
            return new Page<>(clients, request.page(), request.size(), total);
        } catch (SQLException e) {
            throw new StoreException("list clients", e);
        }
    }

    /** The first-party ("global") clients, by name: the public list of the RIPS seed. */
    public List<Client> listGlobal() {
        return listWhere("is_global = ?", "name, client_id");
    }

    /** Ids of the clients that configuration declared (and that are not deleted). */
    public Set<ClientId> declaredIds() {
        Set<ClientId> ids = new LinkedHashSet<>();
        listWhere("declared = ?", "client_id").forEach(client -> ids.add(client.id()));
        return ids;
    }

    private List<Client> listWhere(String booleanCondition, String order) {
        String sql = "SELECT " + COLUMNS + " FROM clients WHERE " + booleanCondition
                + " AND deleted_at IS NULL ORDER BY " + order;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setBoolean(1, true);
            List<Client> clients = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    clients.add(map(rows).client());
                }
            }
            return clients;
        } catch (SQLException e) {
            throw new StoreException("list clients", e);
        }
    }

    private boolean update(Connection connection, ClientDefinition definition, Instant now) throws SQLException {
        String sql = "UPDATE clients SET name = ?, secret_hash = ?, redirect_uris = ?, grant_types = ?, scopes = ?,"
                + " is_global = ?, skip_consent = ?, declared = ?, owner = ?, access_token_lifetime_seconds = ?,"
                + " refresh_token_lifetime_seconds = ?, token_endpoint_auth_method = ?, dpop_bound_access_tokens = ?,"
                + " jwks = ?, jwks_uri = ?, require_pushed_requests = ?, updated_at = ?,"
                + " deleted_at = NULL, previous_secret_hash = NULL, previous_secret_expires_at = NULL"
                + " WHERE client_id = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int next = bindDefinition(update, 1, definition);
            Sql.setInstant(update, next, now);
            update.setString(next + 1, definition.id().value());
            return update.executeUpdate() > 0;
        }
    }

    private void insert(Connection connection, ClientDefinition definition, Instant now) throws SQLException {
        String sql = "INSERT INTO clients (name, secret_hash, redirect_uris, grant_types, scopes, is_global,"
                + " skip_consent, declared, owner, access_token_lifetime_seconds, refresh_token_lifetime_seconds,"
                + " token_endpoint_auth_method, dpop_bound_access_tokens, jwks, jwks_uri, require_pushed_requests,"
                + " created_at, updated_at, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int next = bindDefinition(insert, 1, definition);
            Sql.setInstant(insert, next, now);
            Sql.setInstant(insert, next + 1, now);
            insert.setString(next + 2, definition.id().value());
            insert.executeUpdate();
        }
    }

    /** Binds the 16 defining columns from {@code first}; returns the next index. */
    private static int bindDefinition(PreparedStatement statement, int first, ClientDefinition definition)
            throws SQLException {
        int i = first;
        statement.setString(i++, definition.name());
        statement.setString(i++, definition.secretHash().map(StoredSecret::stored).orElse(null));
        statement.setString(i++, Sql.words(definition.redirectUris()));
        statement.setString(i++, Sql.words(definition.grantTypes().stream().map(GrantType::value).toList()));
        statement.setString(i++, Sql.words(definition.scopes()));
        statement.setBoolean(i++, definition.global());
        statement.setBoolean(i++, definition.skipConsent());
        statement.setBoolean(i++, definition.declared());
        statement.setString(i++, definition.owner().orElse(null));
        Sql.setInteger(statement, i++, definition.accessTokenLifetime().map(d -> (int) d.getSeconds()).orElse(null));
        Sql.setInteger(statement, i++, definition.refreshTokenLifetime().map(d -> (int) d.getSeconds()).orElse(null));
        statement.setString(i++, definition.authMethod().map(ClientAuthMethod::value).orElse(null));
        statement.setBoolean(i++, definition.dpopBoundAccessTokens());
        statement.setString(i++, definition.jwks().orElse(null));
        statement.setString(i++, definition.jwksUri().orElse(null));
        statement.setBoolean(i++, definition.requirePushedRequests());
        return i;
    }

    /** The active client's row: from the cache while it is younger than {@code cacheFor}, else read. */
    private Optional<Row> activeRow(ClientId id) {
        Optional<Row> cached = cachedRow(id);
        return cached.isPresent() ? cached : readActiveRow(id);
    }

    /** The cached copy of an active client's row, if there is one younger than {@code cacheFor}. */
    private Optional<Row> cachedRow(ClientId id) {
        Cached cached = cacheFor.isZero() ? null : active.get(id);
        return cached != null && clock.instant().isBefore(cached.readAt().plus(cacheFor))
                ? Optional.of(cached.row()) : Optional.empty();
    }

    /** Reads the active client's row from the database, and caches it when found. */
    private Optional<Row> readActiveRow(ClientId id) {
        // The time is taken before the read: whatever changed before it is in the copy.
        Instant now = clock.instant();
        Optional<Row> row = findRow(id, ACTIVE);
        if (cacheFor.isZero()) {
            return row;
        }
        if (row.isEmpty()) {
            active.remove(id);
        } else {
            if (active.size() >= MAX_CACHED_CLIENTS) {
                active.clear();
            }
            active.put(id, new Cached(row.get(), now));
        }
        return row;
    }

    /** @param condition more of the WHERE clause, after {@code client_id = ?} */
    private Optional<Row> findRow(ClientId id, String condition) {
        try (Connection connection = dataSource.getConnection()) {
            return findRow(connection, id, condition);
        } catch (SQLException e) {
            throw new StoreException("find client " + id, e);
        }
    }

    private static Optional<Row> findRow(Connection connection, ClientId id, String condition) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM clients WHERE client_id = ?" + condition;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    private static Row map(ResultSet rows) throws SQLException {
        Optional<StoredSecret> secretHash = Optional.ofNullable(rows.getString("secret_hash"))
                .map(StoredSecret::parse);
        Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
        for (String value : Sql.wordList(rows.getString("grant_types"))) {
            // A grant this version does not know (written by a newer one) is ignored, not an error.
            GrantType.parse(value).ifPresent(grants::add);
        }
        Optional<ClientAuthMethod> authMethod = Optional.ofNullable(rows.getString("token_endpoint_auth_method"))
                .flatMap(ClientAuthMethod::parse);
        // A private_key_jwt client is confidential without a secret: it proves itself with a key (RFC 7523 §2.2).
        boolean confidential = secretHash.isPresent()
                || authMethod.equals(Optional.of(ClientAuthMethod.PRIVATE_KEY_JWT));
        Client client = new Client(new ClientId(rows.getString("client_id")), rows.getString("name"),
                confidential, Sql.wordList(rows.getString("redirect_uris")), grants,
                Sql.wordSet(rows.getString("scopes")), rows.getBoolean("is_global"), rows.getBoolean("skip_consent"),
                rows.getBoolean("declared"), Optional.ofNullable(rows.getString("owner")),
                Sql.getOptionalInteger(rows, "access_token_lifetime_seconds").map(Duration::ofSeconds),
                Sql.getOptionalInteger(rows, "refresh_token_lifetime_seconds").map(Duration::ofSeconds),
                Sql.getInstant(rows, "created_at"), Sql.getInstant(rows, "updated_at"),
                rows.getBoolean("dpop_bound_access_tokens"));
        return new Row(client, secretHash,
                Optional.ofNullable(rows.getString("previous_secret_hash")).map(SecretHash::parse),
                Sql.getOptionalInstant(rows, "previous_secret_expires_at"), authMethod,
                Optional.ofNullable(rows.getString("jwks")), Optional.ofNullable(rows.getString("jwks_uri")),
                rows.getBoolean("require_pushed_requests"));
    }

    /** Made at first use: a {@link PasswordHasher} spends one PBKDF2 when it is created. */
    private static final class SharedVerifier {
        static final ClientSecretVerifier INSTANCE = new ClientSecretVerifier(PasswordHasher.owasp());
    }

    /** An active client's row as read at {@code readAt}. */
    private record Cached(Row row, Instant readAt) {
    }

    /** @param authMethod the registered (or declared) {@code token_endpoint_auth_method}, if any */
    private record Row(Client client, Optional<StoredSecret> secretHash, Optional<SecretHash> previousSecretHash,
                       Optional<Instant> previousSecretExpiresAt, Optional<ClientAuthMethod> authMethod,
                       Optional<String> jwks, Optional<String> jwksUri, boolean requirePushedRequests) {
    }

    /**
     * The public keys an active {@code private_key_jwt} client registered (RFC 7523 §2.2), read like the client
     * itself for client authentication (from the active-client cache when it has one).
     *
     * @param jwks    the JWK Set, as registered
     * @param jwksUri where to fetch it instead
     */
    public record ClientKeys(Client client, Optional<String> jwks, Optional<String> jwksUri) {

        public ClientKeys {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(jwks, "jwks");
            Objects.requireNonNull(jwksUri, "jwksUri");
        }
    }

    /**
     * The registered keys of an active client whose {@code token_endpoint_auth_method} is {@code private_key_jwt};
     * empty for any other client, unknown, deleted or retired.
     */
    public Optional<ClientKeys> keysOf(ClientId id) {
        return activeRow(id).filter(row -> row.authMethod().equals(Optional.of(ClientAuthMethod.PRIVATE_KEY_JWT)))
                .map(row -> new ClientKeys(row.client(), row.jwks(), row.jwksUri()));
    }

    /**
     * Whether the client must push its authorization requests (RFC 9126 §6
     * {@code require_pushed_authorization_requests}); false for an unknown client.
     */
    public boolean requiresPushedRequests(ClientId id) {
        return activeRow(id).map(Row::requirePushedRequests).orElse(false);
    }
}
