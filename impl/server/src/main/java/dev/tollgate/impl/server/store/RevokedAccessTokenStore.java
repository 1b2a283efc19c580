package dev.tollgate.impl.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The deny-list of revoked JWT access tokens ({@code revoked_access_tokens}): a token's {@code jti} stays listed
 * until its {@code exp}, after which the token is refused for having expired anyway and the row can be purged.
 *
 * <p>Thread-safe; the database is the only state.
 */
public final class RevokedAccessTokenStore {

    private final DataSource dataSource;
    private final Clock clock;

    public RevokedAccessTokenStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Lists the token. Revoking a listed token again changes nothing. */
    public void revoke(String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, jti, expiresAt, clock.instant());
        } catch (SQLException e) {
            throw new StoreException("revoke access token", e);
        }
    }

    /**
     * Lists a token on {@code connection}, which must be in auto-commit mode (on PostgreSQL a unique violation
     * would abort an open transaction): a token listed already, by this or another node, is not an error.
     */
    static void insert(Connection connection, String jti, Instant expiresAt, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO revoked_access_tokens (jti, expires_at, revoked_at) VALUES (?, ?, ?)")) {
            insert.setString(1, jti);
            Sql.setInstant(insert, 2, expiresAt);
            Sql.setInstant(insert, 3, now);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /** Whether the token is listed (its row may outlive its exp until purged). */
    public boolean isRevoked(String jti) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT 1 FROM revoked_access_tokens WHERE jti = ?")) {
            select.setString(1, jti);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new StoreException("check access token revocation", e);
        }
    }

    /** Every listed jti whose token has not yet expired: the whole deny-list a node needs in memory. */
    public Set<String> unexpired() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT jti FROM revoked_access_tokens WHERE expires_at > ?")) {
            Sql.setInstant(select, 1, clock.instant());
            Set<String> jtis = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    jtis.add(rows.getString(1));
                }
            }
            return jtis;
        } catch (SQLException e) {
            throw new StoreException("read the access-token deny-list", e);
        }
    }

    /** Deletes the entries of tokens that expired before {@code cutoff}. @return how many */
    public int purgeExpiredBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM revoked_access_tokens WHERE expires_at < ?")) {
            Sql.setInstant(delete, 1, cutoff);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge the access-token deny-list", e);
        }
    }
}
