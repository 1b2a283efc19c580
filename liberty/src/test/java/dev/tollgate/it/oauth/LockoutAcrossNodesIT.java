package dev.tollgate.it.oauth;

import static dev.tollgate.it.oauth.OAuthCalls.GLOBAL;
import static dev.tollgate.it.oauth.OAuthCalls.assertError;
import static dev.tollgate.it.oauth.OAuthCalls.params;
import static dev.tollgate.it.oauth.OAuthCalls.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.server.lockout.DatabaseAccountLockout;
import dev.tollgate.impl.throttle.AccountLockout;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The lockout counts across the nodes of a cluster (issue 12): the Liberty server is one node, and a
 * {@link DatabaseAccountLockout} in this test, over the server's own PostgreSQL schema, is a second one (the same
 * class the server runs, with the server's settings: 5 per account and address, 50 per account, 60 s). Failures on
 * either count towards one lock, which both honour. Runs in the PostgreSQL round: the embedded H2 of the H2 round
 * cannot be shared with a second node.
 *
 * <p>The address the server sees for this test's requests (IPv4 or IPv6 loopback) is not known here, so these tests
 * use the per-account limit, which holds from every address.
 */
@EnabledIfSystemProperty(named = "tollgate.db", matches = "postgresql",
        disabledReason = "a second node needs the database the server shares: the PostgreSQL round")
class LockoutAcrossNodesIT {

    private static final int MAX_ACCOUNT_FAILURES = 50;
    private static final int MAX_FAILURES = 5;

    private AccountLockout otherNode;
    private String account;

    @BeforeEach
    void secondNodeOverTheServersSchema() {
        String url = Optional.ofNullable(System.getProperty("it.pg.url")).filter(u -> !u.isBlank())
                .orElseThrow(() -> new AssertionError("it.pg.url is not set for the PostgreSQL round (liberty/pom.xml)"));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(System.getProperty("it.pg.user", "postgres"));
        dataSource.setPassword(System.getProperty("it.pg.password", ""));
        otherNode = new DatabaseAccountLockout(dataSource, MAX_FAILURES, MAX_ACCOUNT_FAILURES, Duration.ofSeconds(60),
                Clock.systemUTC());
        // An account nobody has: unknown accounts are counted like known ones.
        account = "across-" + UUID.randomUUID().toString().substring(0, 8) + "@it.tollgate.dev";
    }

    @Test
    void anAccountLockedOnAnotherNodeIsLockedOnThisOneOnEveryPath() {
        for (int i = 0; i < MAX_ACCOUNT_FAILURES; i++) {
            failOnTheOtherNode("198.51.100." + (i / MAX_FAILURES));
        }

        assertLockedByTheGrant(passwordGrant(account, "right-or-wrong"));
        HttpResponse<String> headers = LibertyServer.get("/api/me", "X-API-Email", account, "X-API-Password",
                "right-or-wrong");
        Problems.assertProblem(headers, ProblemType.TOO_MANY_ATTEMPTS);
        assertRetryAfter(headers);
    }

    @Test
    void failuresOnBothNodesAddUpToExactlyOneLimit() {
        int onThisNode = 3;
        for (int i = 0; i < onThisNode; i++) {
            assertChecked(passwordGrant(account, "wrong-" + i));
        }
        for (int i = 0; i < MAX_ACCOUNT_FAILURES - onThisNode - 1; i++) {
            failOnTheOtherNode("203.0.113." + (i / MAX_FAILURES));
        }

        assertChecked(passwordGrant(account, "wrong-last"));
        assertLockedByTheGrant(passwordGrant(account, "wrong-after"));
        assertInstanceOf(AccountLockout.Locked.class, otherNode.reserve(account, "192.0.2.200"),
                "and the other node sees the lock of this one");
    }

    private void failOnTheOtherNode(String address) {
        assertInstanceOf(AccountLockout.Attempt.class, otherNode.reserve(account, address),
                "a check on the other node from " + address).failed();
    }

    private static HttpResponse<String> passwordGrant(String email, String password) {
        return postJson("/oauth2/token", params("grant_type", "password", "client_id", GLOBAL, "username", email,
                "password", password));
    }

    /** A wrong password that was checked: invalid_grant without Retry-After. */
    private static void assertChecked(HttpResponse<String> response) {
        assertError(response, 400, "invalid_grant");
        assertTrue(response.headers().firstValue("Retry-After").isEmpty(), "checked, not locked: " + response.body());
    }

    private static void assertLockedByTheGrant(HttpResponse<String> response) {
        assertError(response, 400, "invalid_grant");
        assertRetryAfter(response);
    }

    private static void assertRetryAfter(HttpResponse<String> response) {
        long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow(
                () -> new AssertionError("no Retry-After; status " + response.statusCode() + ": " + response.body())));
        assertTrue(seconds >= 1 && seconds <= 60, "Retry-After: " + seconds);
        assertEquals(false, response.body().contains("Exception"), response.body());
    }
}
