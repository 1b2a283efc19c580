package dev.tollgate.impl.server.store;

import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.secret.SecretHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Opaque refresh tokens in the {@code refresh_tokens} table: issue, the atomic exchange of rotation, and
 * revocation. Which checks come before an exchange (client, scope, user) and what a reuse costs are the refresh
 * token grant's rules; the store makes the exchange's decision atomic, and asks the grant for its checks under the
 * row lock ({@link Rotation}), so that a refresh is one transaction on one connection.
 *
 * <p>A token is 256 random bits ({@link SecretGenerator}); only its SHA-256 is stored. Every token of one grant
 * shares a family id, and each row records the access token of the same token response ({@link AccessToken}), so
 * that revoking a family also puts its unexpired access tokens on the deny-list (RFC 7009 §2.1).
 *
 * <p><b>At most one live successor</b> (RFC 9700 §4.14.2). {@link #exchange} takes a row lock on the presented
 * token ({@code SELECT ... FOR UPDATE}) and decides under it, in one transaction, so that parallel presentations
 * on any nodes sharing the database are serialized: the first use rotates; a second use within the grace period
 * replaces the successor only while that successor is untouched (revoking it, conditionally, and its access token);
 * anything else is a reuse. A successor gets a full lifetime from the time of its rotation (a sliding expiry).
 *
 * <p><b>Size.</b> Every exchange leaves the used token's row in place until it expires (reuse detection needs it),
 * so the table holds one row per refresh made within a refresh-token lifetime; the purge deletes expired rows
 * ({@link #purgeExpiredBefore}). Bytes per row: docs/PERFORMANCE.md.
 *
 * <p>Thread-safe; the database is the only state.
 */
public final class RefreshTokenStore {

    private static final String COLUMNS = "token_hash, family_id, client_id, subject, scope, issued_at, expires_at,"
            + " used_at, replaced_by, revoked_at, access_jti, access_expires_at, dpop_jkt";

    /** The most expired rows one statement of {@link #purgeExpiredBefore} deletes. */
    static final int PURGE_BATCH = 5_000;

    /** Tries of a statement or transaction that the database rolled back for a deadlock (see {@link #retried}). */
    private static final int MAX_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final SecretGenerator secrets;
    private final Clock clock;

    public RefreshTokenStore(DataSource dataSource, SecretGenerator secrets, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A stored refresh token (never the token itself).
     *
     * @param dpopKey the JWK SHA-256 thumbprint of the DPoP key the token is bound to (RFC 9449 §5): its refresh
     *                must present a proof of that key; empty for an unbound token
     */
    public record Stored(SecretHash hash, String familyId, ClientId clientId, String subject, Set<String> scope,
                         Instant issuedAt, Instant expiresAt, Optional<Instant> usedAt, Optional<Instant> revokedAt,
                         Optional<String> dpopKey) {

        public Stored(SecretHash hash, String familyId, ClientId clientId, String subject, Set<String> scope,
                      Instant issuedAt, Instant expiresAt, Optional<Instant> usedAt, Optional<Instant> revokedAt) {
            this(hash, familyId, clientId, subject, scope, issuedAt, expiresAt, usedAt, revokedAt, Optional.empty());
        }

        /** Exchangeable at {@code now}: not revoked, not yet used, not expired. */
        public boolean activeAt(Instant now) {
            return revokedAt.isEmpty() && usedAt.isEmpty() && now.isBefore(expiresAt);
        }
    }

    /** A freshly issued token: the value to hand out once, and what was stored. */
    public record Issued(String token, Stored stored) {

        @Override
        public String toString() {
            return "Issued[token=redacted, family=" + stored.familyId() + ']';
        }
    }

    /** The access token issued in the same token response as a refresh token: its {@code jti} and {@code exp}. */
    public record AccessToken(String jti, Instant expiresAt) {

        public AccessToken {
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** What {@link #exchange} did. Only {@link Rotated} changed anything. */
    public sealed interface Exchange {
    }

    /**
     * The token was exchanged: {@code successor} is now its only live successor (an earlier one, issued within the
     * grace period, was revoked with its access token).
     */
    public record Rotated(Issued successor) implements Exchange {
    }

    /**
     * A reuse (RFC 9700 §4.14.2): the token was revoked, or used before and either the grace period is over or its
     * successor was used or revoked since. Nothing was changed; the caller revokes the family.
     */
    public record Reused(Stored presented) implements Exchange {
    }

    /** Nothing to exchange: the token has expired or was purged meanwhile. Nothing was changed. */
    public record Gone() implements Exchange {
    }

    /**
     * The {@link Rotation} refused a successor (the grant: the token's user is gone or disabled). Nothing was
     * changed; the caller revokes the family.
     */
    public record Refused(Stored presented) implements Exchange {
    }

    /** Starts a new family with one token, issued without an access token of ours (tests, imports). */
    public Issued issue(ClientId clientId, String subject, Set<String> scope, Duration lifetime) {
        return insertNew(secrets.token(), clientId, subject, scope, lifetime, Optional.empty(), Optional.empty());
    }

    /**
     * Starts a family with one token, issued with {@code accessToken}.
     *
     * @param familyId the family id to use, if given: the authorization code grant uses the code's, so that a replay
     *                 of the code revokes the tokens issued from it; else a new one
     */
    public Issued issue(Optional<String> familyId, ClientId clientId, String subject, Set<String> scope,
                        Duration lifetime, AccessToken accessToken) {
        return issue(familyId, clientId, subject, scope, lifetime, accessToken, Optional.empty());
    }

    /**
     * As {@link #issue(Optional, ClientId, String, Set, Duration, AccessToken)}, bound to a DPoP key.
     *
     * @param dpopKey the key's JWK SHA-256 thumbprint (RFC 9449 §5); the family's successors keep it
     */
    public Issued issue(Optional<String> familyId, ClientId clientId, String subject, Set<String> scope,
                        Duration lifetime, AccessToken accessToken, Optional<String> dpopKey) {
        Objects.requireNonNull(accessToken, "accessToken");
        return insertNew(familyId.orElseGet(secrets::token), clientId, subject, scope, lifetime,
                Optional.of(accessToken), dpopKey);
    }

    /** The stored token, if it was ever issued (whatever its state). */
    public Optional<Stored> find(String token) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, SecretHash.of(token), false).map(Row::stored);
        } catch (SQLException e) {
            throw new StoreException("find refresh token", e);
        }
    }

    /**
     * What the refresh token grant decides about a presented token, asked by
     * {@link #exchange(SecretHash, Instant, Duration, Rotation)} under the token's row lock, within the exchange's
     * transaction. A method may run more than once when the database rolls the transaction back for a deadlock.
     */
    public interface Rotation {

        /**
         * Checks the presented token as it is now, before the store looks at its state: throws to refuse, and
         * nothing is changed.
         */
        void check(Stored presented);

        /**
         * The successor's terms, once the store has decided to rotate (the token is unused, or used within the
         * grace period and its successor untouched); empty refuses, {@link Refused}, and nothing is changed.
         *
         * @param connection the exchange's own, to read within its transaction (never to commit or close)
         */
        Optional<Successor> successor(Stored presented, Connection connection) throws SQLException;
    }

    /** The terms of a successor: its scope and lifetime, and the access token issued with it. */
    public record Successor(Set<String> scope, Duration lifetime, AccessToken accessToken) {

        public Successor {
            scope = Set.copyOf(scope);
            Objects.requireNonNull(lifetime, "lifetime");
            Objects.requireNonNull(accessToken, "accessToken");
        }
    }

    /**
     * Exchanges {@code presented} for a successor, atomically (RFC 6749 §6, RFC 9700 §4.14.2), as
     * {@link #exchange(SecretHash, Instant, Duration, Rotation)} does with the terms given.
     *
     * @param scope       the successor's scope
     * @param now         the time of the exchange: the token's use, the successor's issue
     * @param lifetime    the successor's lifetime
     * @param gracePeriod how long after its first use a token may be exchanged again
     * @param accessToken the access token issued with the successor
     */
    public Exchange exchange(Stored presented, Set<String> scope, Instant now, Duration lifetime,
                             Duration gracePeriod, AccessToken accessToken) {
        Successor terms = new Successor(scope, lifetime, accessToken);
        return exchange(presented.hash(), now, gracePeriod, new Rotation() {
            @Override
            public void check(Stored current) {
            }

            @Override
            public Optional<Successor> successor(Stored current, Connection connection) {
                return Optional.of(terms);
            }
        });
    }

    /**
     * Exchanges the token whose hash is {@code presented} for a successor, atomically (RFC 6749 §6, RFC 9700
     * §4.14.2), in one transaction on one connection: the refresh token grant's whole database work. Under a row
     * lock on the presented token ({@code SELECT ... FOR UPDATE}), against its current state:
     *
     * <ol>
     *   <li>gone (never issued, or purged): {@link Gone};</li>
     *   <li>{@code rotation}'s {@link Rotation#check check} may refuse it (its exception is thrown);</li>
     *   <li>revoked: {@link Reused};</li>
     *   <li>expired: {@link Gone};</li>
     *   <li>unused: marked used and replaced by the successor: {@link Rotated};</li>
     *   <li>used less than {@code gracePeriod} ago, and its successor still unused and unrevoked: that successor is
     *       revoked, the new one replaces it: {@link Rotated} (a client's parallel refreshes, or a lost response);
     *       </li>
     *   <li>else: {@link Reused}.</li>
     * </ol>
     * Before it rotates, {@code rotation} gives the successor's terms ({@link Rotation#successor}), or refuses:
     * {@link Refused}. Only a rotation commits; every other outcome changes nothing.
     *
     * @param now         the time of the exchange: the token's use, the successor's issue
     * @param gracePeriod how long after its first use a token may be exchanged again
     */
    public Exchange exchange(SecretHash presented, Instant now, Duration gracePeriod, Rotation rotation) {
        Objects.requireNonNull(rotation, "rotation");
        try (Connection connection = dataSource.getConnection()) {
            Decision decision = inTransaction(connection,
                    () -> decide(connection, presented, rotation, now, gracePeriod));
            // After the commit and outside the transaction: a concurrent family revocation may list the same jti
            // first, and a unique violation must not undo the exchange.
            if (decision.superseded().isPresent()) {
                denyAccessToken(connection, decision.superseded().get(), now);
            }
            return decision.exchange();
        } catch (SQLException e) {
            throw new StoreException("exchange refresh token", e);
        }
    }

    /**
     * Revokes every token of a family (reuse, RFC 7009 revocation, a replayed code) and puts the family's unexpired
     * access tokens on the deny-list (RFC 7009 §2.1: revoking a refresh token SHOULD also invalidate the access
     * tokens of the same grant). Idempotent: a second call changes nothing but lists what a failed first one
     * could not.
     *
     * @return the number of refresh tokens newly revoked
     */
    public int revokeFamily(String familyId) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            int revoked = retried(() -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")) {
                    Sql.setInstant(update, 1, now);
                    update.setString(2, familyId);
                    return update.executeUpdate();
                }
            });
            for (AccessToken accessToken : accessTokensOfFamily(connection, familyId, now)) {
                denyAccessToken(connection, accessToken, now);
            }
            return revoked;
        } catch (SQLException e) {
            throw new StoreException("revoke refresh token family", e);
        }
    }

    /**
     * The families in which the user holds a live (unrevoked, unexpired) refresh token of the client: what a revoked
     * consent must end. Reads the index {@code ix_refresh_tokens_subject}.
     */
    public List<String> liveFamilies(String subject, ClientId clientId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT DISTINCT family_id FROM refresh_tokens"
                     + " WHERE subject = ? AND client_id = ? AND revoked_at IS NULL AND expires_at > ?")) {
            select.setString(1, subject);
            select.setString(2, clientId.value());
            Sql.setInstant(select, 3, clock.instant());
            List<String> families = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    families.add(rows.getString(1));
                }
            }
            return families;
        } catch (SQLException e) {
            throw new StoreException("find refresh token families of a user", e);
        }
    }

    /**
     * Revokes every live refresh token of a user, for every client (the password was reset or the account
     * disabled: no session of it survives). Reads the index {@code ix_refresh_tokens_subject}.
     *
     * @return the number of tokens newly revoked
     */
    public int revokeAllOfSubject(String subject) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE refresh_tokens SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL")) {
            Sql.setInstant(update, 1, clock.instant());
            update.setString(2, subject);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("revoke refresh tokens of a user", e);
        }
    }

    /**
     * Deletes the tokens that expired before {@code cutoff}, about {@value #PURGE_BATCH} rows per statement (each its
     * own transaction): every refresh leaves a row until its expiry, so a purge may meet hundreds of thousands, and
     * one statement for all of them would hold their locks and their undo (in H2's memory) to the end, stalling the
     * exchanges on the same table. Each batch is a range of {@code expires_at} ending at the batch's last expiry,
     * found along the index {@code ix_refresh_tokens_expires}, and deleted along it. (A {@code DELETE ... WHERE
     * token_hash IN (SELECT ... FETCH FIRST n ROWS)} took H2 2.3 a minute per 5,000 rows of a 300,000-row table.)
     *
     * @return how many
     */
    public int purgeExpiredBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement batchEnd = connection.prepareStatement("SELECT expires_at FROM refresh_tokens"
                     + " WHERE expires_at < ? ORDER BY expires_at OFFSET " + (PURGE_BATCH - 1)
                     + " ROWS FETCH NEXT 1 ROWS ONLY");
             PreparedStatement deleteUpTo = connection.prepareStatement(
                     "DELETE FROM refresh_tokens WHERE expires_at <= ?");
             PreparedStatement deleteRest = connection.prepareStatement(
                     "DELETE FROM refresh_tokens WHERE expires_at < ?")) {
            int total = 0;
            while (true) {
                Sql.setInstant(batchEnd, 1, cutoff);
                Instant end;
                try (ResultSet rows = batchEnd.executeQuery()) {
                    end = rows.next() ? Sql.getInstant(rows, "expires_at") : null;
                }
                if (end == null) {
                    Sql.setInstant(deleteRest, 1, cutoff);
                    return total + deleteRest.executeUpdate();
                }
                Sql.setInstant(deleteUpTo, 1, end);
                total += deleteUpTo.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("purge refresh tokens", e);
        }
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs the exchange's decision in one transaction: committed when it rotated, else rolled back (nothing to
     * keep). Retried as {@link #retried} says.
     */
    private static Decision inTransaction(Connection connection, Work<Decision> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            return retried(() -> {
                try {
                    Decision decision = work.run();
                    if (decision.exchange() instanceof Rotated) {
                        connection.commit();
                    } else {
                        connection.rollback();
                    }
                    return decision;
                } catch (SQLException | RuntimeException e) {
                    Sql.rollbackQuietly(connection, e);
                    throw e;
                }
            });
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Runs {@code work}, again when the database rolled it back for a deadlock or a serialization failure (SQLSTATE
     * class 40): an exchange locks a token and then its earlier successor, a family revocation locks the family's
     * rows in its own order, and PostgreSQL may pick either as the victim. A revocation must not be lost that way.
     */
    private static <T> T retried(Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run();
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || e.getSQLState() == null || !e.getSQLState().startsWith("40")) {
                    throw e;
                }
            }
        }
    }

    /** The outcome of an exchange, and the access token of a successor it revoked (to deny-list after commit). */
    private record Decision(Exchange exchange, Optional<AccessToken> superseded) {

        static Decision of(Exchange exchange) {
            return new Decision(exchange, Optional.empty());
        }
    }

    private Decision decide(Connection connection, SecretHash presented, Rotation rotation, Instant now,
                            Duration gracePeriod) throws SQLException {
        Optional<Row> locked = find(connection, presented, true);
        if (locked.isEmpty()) {
            return Decision.of(new Gone());
        }
        Stored current = locked.get().stored();
        rotation.check(current);
        if (current.revokedAt().isPresent()) {
            return Decision.of(new Reused(current));
        }
        if (!now.isBefore(current.expiresAt())) {
            return Decision.of(new Gone());
        }
        if (current.usedAt().isEmpty()) {
            Optional<Successor> terms = rotation.successor(current, connection);
            if (terms.isEmpty()) {
                return Decision.of(new Refused(current));
            }
            Issued successor = successor(current, terms.get(), now);
            markUsed(connection, presented, successor, now);
            insert(connection, successor, Optional.of(terms.get().accessToken()));
            return Decision.of(new Rotated(successor));
        }
        Optional<String> previous = locked.get().replacedBy();
        if (!now.isBefore(current.usedAt().get().plus(gracePeriod)) || previous.isEmpty()) {
            return Decision.of(new Reused(current));
        }
        // Within the grace period: the earlier successor dies, but only if nobody has used it yet (its own row lock
        // decides against a parallel exchange of it). If it was used, its holder moved on and this is a replay.
        Optional<Row> earlier = find(connection, SecretHash.parse(previous.get()), false);
        if (earlier.isEmpty()) {
            return Decision.of(new Reused(current));
        }
        Optional<Successor> terms = rotation.successor(current, connection);
        if (terms.isEmpty()) {
            return Decision.of(new Refused(current));
        }
        if (!revokeIfUntouched(connection, previous.get(), now)) {
            return Decision.of(new Reused(current));
        }
        Issued successor = successor(current, terms.get(), now);
        replace(connection, presented, successor);
        insert(connection, successor, Optional.of(terms.get().accessToken()));
        return new Decision(new Rotated(successor), earlier.get().accessToken());
    }

    private Issued insertNew(String familyId, ClientId clientId, String subject, Set<String> scope,
                             Duration lifetime, Optional<AccessToken> accessToken, Optional<String> dpopKey) {
        Instant now = clock.instant();
        String token = secrets.token();
        Issued issued = new Issued(token, new Stored(SecretHash.of(token), familyId, clientId, subject,
                Set.copyOf(scope), now, now.plus(lifetime), Optional.empty(), Optional.empty(), dpopKey));
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, issued, accessToken);
            return issued;
        } catch (SQLException e) {
            throw new StoreException("issue refresh token", e);
        }
    }

    private Issued successor(Stored previous, Successor terms, Instant now) {
        String token = secrets.token();
        return new Issued(token, new Stored(SecretHash.of(token), previous.familyId(), previous.clientId(),
                previous.subject(), terms.scope(), now, now.plus(terms.lifetime()), Optional.empty(),
                Optional.empty(), previous.dpopKey()));
    }

    private static void insert(Connection connection, Issued issued, Optional<AccessToken> accessToken)
            throws SQLException {
        Stored s = issued.stored();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO refresh_tokens (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?)")) {
            insert.setString(1, s.hash().hex());
            insert.setString(2, s.familyId());
            insert.setString(3, s.clientId().value());
            insert.setString(4, s.subject());
            insert.setString(5, Sql.words(s.scope()));
            Sql.setInstant(insert, 6, s.issuedAt());
            Sql.setInstant(insert, 7, s.expiresAt());
            insert.setString(8, accessToken.map(AccessToken::jti).orElse(null));
            Sql.setInstant(insert, 9, accessToken.map(AccessToken::expiresAt).orElse(null));
            insert.setString(10, s.dpopKey().orElse(null));
            insert.executeUpdate();
        }
    }

    private static void markUsed(Connection connection, SecretHash presented, Issued successor, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE refresh_tokens SET used_at = ?,"
                + " replaced_by = ? WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL")) {
            Sql.setInstant(update, 1, now);
            update.setString(2, successor.stored().hash().hex());
            update.setString(3, presented.hex());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("the locked refresh token changed under its lock");
            }
        }
    }

    private static void replace(Connection connection, SecretHash presented, Issued successor) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE refresh_tokens SET replaced_by = ? WHERE token_hash = ?")) {
            update.setString(1, successor.stored().hash().hex());
            update.setString(2, presented.hex());
            update.executeUpdate();
        }
    }

    /** Revokes one token if it is still unused and unrevoked: the compare-and-set that ends a branch. */
    private static boolean revokeIfUntouched(Connection connection, String tokenHash, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE refresh_tokens SET revoked_at = ?"
                + " WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL")) {
            Sql.setInstant(update, 1, now);
            update.setString(2, tokenHash);
            return update.executeUpdate() == 1;
        }
    }

    private static List<AccessToken> accessTokensOfFamily(Connection connection, String familyId, Instant now)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT access_jti, access_expires_at"
                + " FROM refresh_tokens WHERE family_id = ? AND access_jti IS NOT NULL AND access_expires_at > ?")) {
            select.setString(1, familyId);
            Sql.setInstant(select, 2, now);
            List<AccessToken> tokens = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tokens.add(new AccessToken(rows.getString(1), Sql.getInstant(rows, "access_expires_at")));
                }
            }
            return tokens;
        }
    }

    /** Puts an access token on the deny-list, in auto-commit mode: one listed already is fine. */
    private static void denyAccessToken(Connection connection, AccessToken accessToken, Instant now)
            throws SQLException {
        if (!now.isBefore(accessToken.expiresAt())) {
            return;
        }
        RevokedAccessTokenStore.insert(connection, accessToken.jti(), accessToken.expiresAt(), now);
    }

    /** A row as read, with what only this store needs. */
    private record Row(Stored stored, Optional<String> replacedBy, Optional<AccessToken> accessToken) {
    }

    private static Optional<Row> find(Connection connection, SecretHash hash, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM refresh_tokens WHERE token_hash = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            select.setString(1, hash.hex());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Stored stored = new Stored(SecretHash.parse(rows.getString("token_hash")),
                        rows.getString("family_id"), new ClientId(rows.getString("client_id")),
                        rows.getString("subject"), Sql.wordSet(rows.getString("scope")),
                        Sql.getInstant(rows, "issued_at"), Sql.getInstant(rows, "expires_at"),
                        Sql.getOptionalInstant(rows, "used_at"), Sql.getOptionalInstant(rows, "revoked_at"),
                        Optional.ofNullable(rows.getString("dpop_jkt")));
                String jti = rows.getString("access_jti");
                Instant accessExpiresAt = Sql.getInstant(rows, "access_expires_at");
                return Optional.of(new Row(stored, Optional.ofNullable(rows.getString("replaced_by")),
                        jti == null || accessExpiresAt == null ? Optional.empty()
                                : Optional.of(new AccessToken(jti, accessExpiresAt))));
            }
        }
    }
}
