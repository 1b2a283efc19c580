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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Opaque refresh tokens in the {@code refresh_tokens} table: the queries and the compare-and-set updates of
 * rotation. When a token may be exchanged (its client, expiry, grace period and reuse) is the refresh token grant's
 * rule, not the store's.
 *
 * <p>A token is 256 random bits ({@link SecretGenerator}); only its SHA-256 is stored. Every token of one grant
 * shares a family id. {@link #rotate} marks a token used and stores its successor in the same family; the first
 * rotation wins through a conditional {@code UPDATE ... WHERE used_at IS NULL}, so no row lock and no isolation
 * level is needed, and two nodes cannot both win. Each successor gets a full lifetime from the time of its
 * rotation (a sliding expiry).
 *
 * <p>Thread-safe; the database is the only state.
 */
public final class RefreshTokenStore {

    private static final String COLUMNS = "token_hash, family_id, client_id, subject, scope, issued_at, expires_at,"
            + " used_at, replaced_by, revoked_at";

    private final DataSource dataSource;
    private final SecretGenerator secrets;
    private final Clock clock;

    public RefreshTokenStore(DataSource dataSource, SecretGenerator secrets, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A stored refresh token (never the token itself). */
    public record Stored(SecretHash hash, String familyId, ClientId clientId, String subject, Set<String> scope,
                         Instant issuedAt, Instant expiresAt, Optional<Instant> usedAt, Optional<Instant> revokedAt) {

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

    /** Starts a new family with one token. */
    public Issued issue(ClientId clientId, String subject, Set<String> scope, Duration lifetime) {
        String familyId = secrets.token();
        try (Connection connection = dataSource.getConnection()) {
            return insert(connection, familyId, clientId, subject, scope, clock.instant(), lifetime);
        } catch (SQLException e) {
            throw new StoreException("issue refresh token", e);
        }
    }

    /**
     * Starts a family with a given id: the authorization code grant uses the code's family id, so that a replay
     * of the code revokes the tokens issued from it.
     */
    public Issued issueInFamily(String familyId, ClientId clientId, String subject, Set<String> scope,
                                Duration lifetime) {
        Objects.requireNonNull(familyId, "familyId");
        try (Connection connection = dataSource.getConnection()) {
            return insert(connection, familyId, clientId, subject, scope, clock.instant(), lifetime);
        } catch (SQLException e) {
            throw new StoreException("issue refresh token", e);
        }
    }

    /** The stored token, if it was ever issued (whatever its state). */
    public Optional<Stored> find(String token) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, SecretHash.of(token));
        } catch (SQLException e) {
            throw new StoreException("find refresh token", e);
        }
    }

    /**
     * The compare-and-set of a rotation (RFC 6749 §6, RFC 9700 §4.14.2): marks {@code presented} used, replaced by
     * a new successor in its family, and stores the successor; only if the token is still unused and unrevoked.
     *
     * @param scope    the successor's scope
     * @param now      the time of the rotation: the token's use, the successor's issue
     * @param lifetime the successor's lifetime
     * @return the successor; empty when another request used the token first, or it was revoked meanwhile (nothing
     *         was changed then)
     */
    public Optional<Issued> rotate(Stored presented, Set<String> scope, Instant now, Duration lifetime) {
        Issued successor = successor(presented, scope, now, lifetime);
        try (Connection connection = dataSource.getConnection()) {
            if (!markUsed(connection, presented, successor, now)) {
                return Optional.empty();
            }
            insert(connection, successor);
            return Optional.of(successor);
        } catch (SQLException e) {
            throw new StoreException("rotate refresh token", e);
        }
    }

    /**
     * Stores another successor of an already-used token, in its family, without marking anything: the grace
     * period's second exchange of one token (parallel refreshes of one client).
     *
     * @param now      the successor's issue time
     * @param lifetime the successor's lifetime
     */
    public Issued issueSuccessor(Stored used, Set<String> scope, Instant now, Duration lifetime) {
        Issued successor = successor(used, scope, now, lifetime);
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, successor);
            return successor;
        } catch (SQLException e) {
            throw new StoreException("rotate refresh token", e);
        }
    }

    /**
     * Revokes every token of the family of {@code token} (RFC 7009 §2.1: revoking a refresh token may revoke the
     * grant).
     *
     * @return false when the token is unknown or issued to another client; nothing is changed then
     */
    public boolean revokeFamilyOf(String token, ClientId clientId) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Stored> stored = find(connection, SecretHash.of(token));
            if (stored.isEmpty() || !stored.get().clientId().equals(clientId)) {
                return false;
            }
            revokeFamily(connection, stored.get().familyId(), clock.instant());
            return true;
        } catch (SQLException e) {
            throw new StoreException("revoke refresh token", e);
        }
    }

    /** Revokes a whole family. @return the number of tokens newly revoked */
    public int revokeFamily(String familyId) {
        try (Connection connection = dataSource.getConnection()) {
            return revokeFamily(connection, familyId, clock.instant());
        } catch (SQLException e) {
            throw new StoreException("revoke refresh token family", e);
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

    /** Deletes the tokens that expired before {@code cutoff}. @return how many */
    public int purgeExpiredBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM refresh_tokens WHERE expires_at < ?")) {
            Sql.setInstant(delete, 1, cutoff);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge refresh tokens", e);
        }
    }

    private Issued successor(Stored previous, Set<String> scope, Instant now, Duration lifetime) {
        String token = secrets.token();
        return new Issued(token, new Stored(SecretHash.of(token), previous.familyId(), previous.clientId(),
                previous.subject(), Set.copyOf(scope), now, now.plus(lifetime), Optional.empty(), Optional.empty()));
    }

    private Issued insert(Connection connection, String familyId, ClientId clientId, String subject,
                          Set<String> scope, Instant now, Duration lifetime) throws SQLException {
        String token = secrets.token();
        Issued issued = new Issued(token, new Stored(SecretHash.of(token), familyId, clientId, subject,
                Set.copyOf(scope), now, now.plus(lifetime), Optional.empty(), Optional.empty()));
        insert(connection, issued);
        return issued;
    }

    private static void insert(Connection connection, Issued issued) throws SQLException {
        Stored s = issued.stored();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO refresh_tokens (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)")) {
            insert.setString(1, s.hash().hex());
            insert.setString(2, s.familyId());
            insert.setString(3, s.clientId().value());
            insert.setString(4, s.subject());
            insert.setString(5, Sql.words(s.scope()));
            Sql.setInstant(insert, 6, s.issuedAt());
            Sql.setInstant(insert, 7, s.expiresAt());
            insert.executeUpdate();
        }
    }

    private static boolean markUsed(Connection connection, Stored stored, Issued successor, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE refresh_tokens SET used_at = ?,"
                + " replaced_by = ? WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL")) {
            Sql.setInstant(update, 1, now);
            update.setString(2, successor.stored().hash().hex());
            update.setString(3, stored.hash().hex());
            return update.executeUpdate() == 1;
        }
    }

    private static int revokeFamily(Connection connection, String familyId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")) {
            Sql.setInstant(update, 1, now);
            update.setString(2, familyId);
            return update.executeUpdate();
        }
    }

    private static Optional<Stored> find(Connection connection, SecretHash hash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM refresh_tokens WHERE token_hash = ?")) {
            select.setString(1, hash.hex());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(SecretHash.parse(rows.getString("token_hash")),
                        rows.getString("family_id"), new ClientId(rows.getString("client_id")),
                        rows.getString("subject"), Sql.wordSet(rows.getString("scope")),
                        Sql.getInstant(rows, "issued_at"), Sql.getInstant(rows, "expires_at"),
                        Sql.getOptionalInstant(rows, "used_at"), Sql.getOptionalInstant(rows, "revoked_at")));
            }
        }
    }
}
