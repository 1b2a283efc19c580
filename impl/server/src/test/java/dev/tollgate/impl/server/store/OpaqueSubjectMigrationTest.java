package dev.tollgate.impl.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * V6 rewrites the subjects stored with a user's email (refresh tokens, consents, authorization codes) to the user's
 * id, which is the {@code sub} of the user's tokens from now on; a subject that names no user stays.
 */
class OpaqueSubjectMigrationTest {

    private static final UUID ALICE = UUID.fromString("0b7c9244-c056-4b94-87f0-8d263cc40dd4");

    @Test
    void migrationWhenRowsNameTheUserByEmailThenTheyNameTheUsersId() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SchemaMigrations.configure(dataSource).target("4").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String now = "TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00Z'";
            try (PreparedStatement user = connection.prepareStatement("INSERT INTO users (id, email, email_normalized,"
                    + " password_hash, roles, enabled, created_at, updated_at) VALUES (?, 'Alice@Example.com',"
                    + " 'alice@example.com', 'x', '', TRUE, " + now + ", " + now + ")")) {
                user.setObject(1, ALICE);
                user.executeUpdate();
            }
            statement.execute("INSERT INTO clients (client_id, name, redirect_uris, grant_types, scopes, is_global,"
                    + " skip_consent, declared, created_at, updated_at) VALUES ('web', 'Web', '', 'refresh_token', '',"
                    + " FALSE, FALSE, TRUE, " + now + ", " + now + ")");
            for (String[] row : new String[][] {{"a", "alice@example.com"}, {"b", "web"}}) {
                statement.execute("INSERT INTO refresh_tokens (token_hash, family_id, client_id, subject, scope,"
                        + " issued_at, expires_at) VALUES ('" + row[0] + "', 'f', 'web', '" + row[1] + "', 'read', "
                        + now + ", " + now + ")");
            }
            statement.execute("INSERT INTO consents (subject, client_id, scope, granted_at) VALUES"
                    + " ('alice@example.com', 'web', 'openid', " + now + ")");
            statement.execute("INSERT INTO authorization_codes (code_hash, family_id, client_id, subject, redirect_uri,"
                    + " redirect_uri_required, scope, code_challenge, code_challenge_method, auth_time, issued_at,"
                    + " expires_at) VALUES ('c', 'f', 'web', 'alice@example.com', 'https://a.example/cb', TRUE, '',"
                    + " 'x', 'S256', " + now + ", " + now + ", " + now + ")");
        }

        SchemaMigrations.migrate(dataSource);

        assertEquals(ALICE.toString(), subject(dataSource, "SELECT subject FROM refresh_tokens WHERE token_hash = 'a'"));
        assertEquals("web", subject(dataSource, "SELECT subject FROM refresh_tokens WHERE token_hash = 'b'"));
        assertEquals(ALICE.toString(), subject(dataSource, "SELECT subject FROM consents"));
        assertEquals(ALICE.toString(), subject(dataSource, "SELECT subject FROM authorization_codes"));
    }

    private static String subject(JdbcDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
