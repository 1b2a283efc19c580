package dev.tollgate.impl.server.housekeeping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.authorize.AuthorizationCodeStore;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The purge the server schedules, on the real tables (H2 and PostgreSQL). */
abstract class ExpiredRowPurgeTests extends DatabaseTest {

    @Test
    void rowsExpiredLongerThanTheRetentionAreDeletedAndTheOthersKept() throws SQLException {
        MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
        Instant start = clock.instant();
        ClientId client = new ClientStore(dataSource(), clock).upsert(ClientDefinition.builder(new ClientId("app"))
                .name("App").grantTypes(GrantType.PASSWORD, GrantType.REFRESH_TOKEN).build()).id();
        RefreshTokenStore refreshTokens = new RefreshTokenStore(dataSource(), new SecretGenerator(), clock);
        String shortLived = refreshTokens.issue(client, "alice@example.com", Set.of(), Duration.ofHours(1)).token();
        String longLived = refreshTokens.issue(client, "alice@example.com", Set.of(), Duration.ofDays(30)).token();
        RevokedAccessTokenStore denyList = new RevokedAccessTokenStore(dataSource(), clock);
        denyList.revoke("old-jti", start.plus(Duration.ofMinutes(15)));
        denyList.revoke("new-jti", start.plus(Duration.ofDays(40)));
        insertCode("old-code", start.plusSeconds(60));
        insertCode("new-code", start.plus(Duration.ofDays(50)));

        clock.advance(Duration.ofDays(2));
        Map<String, Integer> deleted = ExpiredRowPurge.ofServerTables(refreshTokens,
                new AuthorizationCodeStore(dataSource()), denyList, Duration.ofDays(1), clock).purge();

        assertEquals(Map.of("refresh_tokens", 1, "authorization_codes", 1, "revoked_access_tokens", 1), deleted);
        assertFalse(refreshTokens.find(shortLived).isPresent());
        assertTrue(refreshTokens.find(longLived).isPresent());
        assertFalse(denyList.isRevoked("old-jti"));
        assertTrue(denyList.isRevoked("new-jti"));
        assertEquals(1, count("authorization_codes"));
    }

    private void insertCode(String hash, Instant expiresAt) throws SQLException {
        String sql = "INSERT INTO authorization_codes (code_hash, family_id, client_id, subject, redirect_uri,"
                + " redirect_uri_required, scope, code_challenge, code_challenge_method, auth_time, issued_at,"
                + " expires_at) VALUES (?, ?, 'app', 'alice@example.com', 'https://a.example/cb', FALSE, '', 'c',"
                + " 'S256', ?, ?, ?)";
        try (Connection connection = dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, hash);
            insert.setString(2, "family-" + hash);
            Sql.setInstant(insert, 3, expiresAt.minusSeconds(60));
            Sql.setInstant(insert, 4, expiresAt.minusSeconds(60));
            Sql.setInstant(insert, 5, expiresAt);
            insert.executeUpdate();
        }
    }

    private long count(String table) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
