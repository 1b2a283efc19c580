package dev.tollgate.impl.server.authorize;

import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.CHALLENGE;
import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authorization codes as issued and stored, on a real database (H2 and PostgreSQL subclasses). Their exchange is the
 * authorization code grant's, tested with it.
 */
abstract class AuthorizationCodeStoreTests extends DatabaseTest {

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private AuthorizationCodeStore store;
    private AuthorizationCodes codes;

    @BeforeEach
    void createServices() {
        store = new AuthorizationCodeStore(dataSource());
        codes = new AuthorizationCodes(store, new SecretGenerator(), Duration.ofSeconds(60), clock);
    }

    private String issue() {
        return codes.issue(new AuthorizationRequest(new ClientId("web"), REDIRECT, true,
                Scopes.parse("openid profile").orElseThrow(), Optional.of("xyz"), CHALLENGE, Optional.of("nonce-1")),
                "alice@example.com", clock.instant().minusSeconds(5));
    }

    @Test
    void issueWhenCalledThenCodeIs256BitsAndStoredOnlyAsHash() throws SQLException {
        String code = issue();
        assertEquals(43, code.length());
        assertTrue(store.find(SecretHash.of(code)).isPresent());
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM authorization_codes")) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    assertFalse(code.equals(rows.getString(column)), "the code itself is stored");
                }
            }
        }
    }

    @Test
    void purgeExpiredBeforeDeletesOnlyExpiredCodes() {
        String old = issue();
        clock.advance(Duration.ofMinutes(5));
        String fresh = issue();
        assertEquals(1, store.purgeExpiredBefore(clock.instant()));
        assertFalse(store.find(SecretHash.of(old)).isPresent());
        assertTrue(store.find(SecretHash.of(fresh)).isPresent());
    }
}
