package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code authorization_codes} table (V3). Codes are kept by hash only. Thread-safe; the database is the only
 * state, so any node can exchange a code another node issued.
 */
public final class AuthorizationCodeStore {

    private static final String COLUMNS = "code_hash, family_id, client_id, subject, redirect_uri,"
            + " redirect_uri_required, scope, code_challenge, code_challenge_method, nonce, auth_time, issued_at,"
            + " expires_at, used_at, dpop_jkt";

    private final DataSource dataSource;

    public AuthorizationCodeStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public void insert(StoredCode code) {
        String sql = "INSERT INTO authorization_codes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, code.codeHash().hex());
            insert.setString(2, code.familyId());
            insert.setString(3, code.clientId().value());
            insert.setString(4, code.subject());
            insert.setString(5, code.redirectUri());
            insert.setBoolean(6, code.redirectUriRequired());
            insert.setString(7, code.scope().value());
            insert.setString(8, code.codeChallenge());
            insert.setString(9, AuthorizationRequest.S256);
            insert.setString(10, code.nonce().orElse(null));
            Sql.setInstant(insert, 11, code.authTime());
            Sql.setInstant(insert, 12, code.issuedAt());
            Sql.setInstant(insert, 13, code.expiresAt());
            Sql.setInstant(insert, 14, code.usedAt().orElse(null));
            insert.setString(15, code.dpopJkt().orElse(null));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("store authorization code", e);
        }
    }

    public Optional<StoredCode> find(SecretHash codeHash) {
        String sql = "SELECT " + COLUMNS + " FROM authorization_codes WHERE code_hash = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, codeHash.hex());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("find authorization code", e);
        }
    }

    public Optional<StoredCode> findByFamily(String familyId) {
        String sql = "SELECT " + COLUMNS + " FROM authorization_codes WHERE family_id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, familyId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("find authorization code", e);
        }
    }

    /**
     * Marks the code used, atomically: of any number of concurrent calls (on any node), exactly one gets true.
     *
     * @return true when this call used the code; false when it was already used (or is unknown)
     */
    public boolean markUsed(SecretHash codeHash, Instant now) {
        return update("UPDATE authorization_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL",
                codeHash, now, "use authorization code");
    }

    /** Records the first replay of a used code. @return true for the first replay, false afterwards */
    public boolean markReplayed(SecretHash codeHash, Instant now) {
        return update("UPDATE authorization_codes SET replayed_at = ? WHERE code_hash = ? AND replayed_at IS NULL",
                codeHash, now, "record authorization code replay");
    }

    /** Records the access token issued from the code of this family (for its revocation on replay). */
    public boolean recordAccessToken(String familyId, String jti, Instant expiresAt) {
        String sql = "UPDATE authorization_codes SET access_token_jti = ?, access_token_expires = ? WHERE family_id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, jti);
            Sql.setInstant(update, 2, expiresAt);
            update.setString(3, familyId);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("record access token of authorization code", e);
        }
    }

    /** The access token recorded for the family, if any: its jti and expiry. */
    public Optional<CodeReplay.AccessToken> accessToken(String familyId) {
        String sql = "SELECT access_token_jti, access_token_expires FROM authorization_codes WHERE family_id = ?"
                + " AND access_token_jti IS NOT NULL";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, familyId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new CodeReplay.AccessToken(rows.getString(1),
                        Sql.getInstant(rows, "access_token_expires"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("find access token of authorization code", e);
        }
    }

    /** Whether the code of this family has been presented again after its exchange. */
    public boolean isReplayed(String familyId) {
        String sql = "SELECT 1 FROM authorization_codes WHERE family_id = ? AND replayed_at IS NOT NULL";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, familyId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new StoreException("check authorization code replay", e);
        }
    }

    /** Deletes codes that expired before {@code cutoff}. @return how many */
    public int purgeExpiredBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM authorization_codes WHERE expires_at < ?")) {
            Sql.setInstant(delete, 1, cutoff);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge authorization codes", e);
        }
    }

    private boolean update(String sql, SecretHash codeHash, Instant now, String operation) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            Sql.setInstant(update, 1, now);
            update.setString(2, codeHash.hex());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    private static StoredCode map(ResultSet rows) throws SQLException {
        return new StoredCode(SecretHash.parse(rows.getString("code_hash")), rows.getString("family_id"),
                new ClientId(rows.getString("client_id")), rows.getString("subject"), rows.getString("redirect_uri"),
                rows.getBoolean("redirect_uri_required"),
                Scopes.parse(rows.getString("scope")).orElse(Scopes.NONE), rows.getString("code_challenge"),
                Optional.ofNullable(rows.getString("nonce")), Sql.getInstant(rows, "auth_time"),
                Sql.getInstant(rows, "issued_at"), Sql.getInstant(rows, "expires_at"),
                Sql.getOptionalInstant(rows, "used_at"), Optional.ofNullable(rows.getString("dpop_jkt")));
    }
}
