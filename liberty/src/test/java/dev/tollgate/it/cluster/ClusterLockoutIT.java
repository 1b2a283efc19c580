package dev.tollgate.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password failures spread over both nodes lock the account at the same count as on one node: the documented
 * contract of {@code tollgate.server.login.max-failures} (5, README "Lockout"), after which even the right password
 * is refused (the login page with a 429 page and {@code Retry-After}; the password grant with 400
 * {@code invalid_grant} and {@code Retry-After}; plain headers with 429 {@code too-many-attempts} and
 * {@code Retry-After}), on every node.
 *
 * <p><b>Needs the cluster-wide lockout</b> (issue 12, "lockout": counts kept in the database). While each node counts
 * in its own memory, a guesser spread over two nodes gets twice the limit and this class fails; it is kept apart so
 * that the rest of the cluster suite can be verified without it.
 */
class ClusterLockoutIT {

    private static final int MAX_FAILURES = 5;

    @BeforeAll
    static void cluster() {
        Cluster.require();
    }

    @Test
    void passwordGrantFailuresOverBothNodesLockTheAccountAtTheSingleNodeCount() {
        Cluster.User user = Cluster.createUser(Cluster.front(), "lockout-grant");
        for (int i = 0; i < MAX_FAILURES; i++) {
            HttpResponse<String> wrong = Cluster.passwordGrant(Cluster.node(1 + i % 2), user.email(), "wrong-" + i);
            assertInvalidGrant(wrong);
            assertTrue(wrong.headers().firstValue("Retry-After").isEmpty(), "failure " + (i + 1) + " is not locked");
        }
        for (int node = 1; node <= 2; node++) {
            assertLockedGrant(Cluster.passwordGrant(Cluster.node(node), user.email(), user.password()));
        }
    }

    @Test
    void loginPageFailuresOverBothNodesLockTheAccountAtTheSingleNodeCount() {
        Cluster.User user = Cluster.createUser(Cluster.front(), "lockout-login");
        // One browser: its cookies go to both nodes (same host), as behind the load balancer.
        Browser browser = new Browser();
        String csrf = Browser.hidden(browser.get(Cluster.node(1) + "/oauth2/login").body(), "csrf_token");
        for (int i = 0; i < MAX_FAILURES; i++) {
            HttpResponse<String> wrong = browser.post(Cluster.node(1 + i % 2) + "/oauth2/login",
                    Map.of("username", user.email(), "password", "wrong-" + i, "csrf_token", csrf));
            assertEquals(200, wrong.statusCode(), "failure " + (i + 1) + " is a checked password, not locked");
            assertTrue(wrong.body().contains("id=\"error\""), wrong::body);
            assertTrue(wrong.headers().firstValue("Retry-After").isEmpty(), "failure " + (i + 1) + " is not locked");
        }
        for (int node = 1; node <= 2; node++) {
            HttpResponse<String> locked = browser.post(Cluster.node(node) + "/oauth2/login",
                    Map.of("username", user.email(), "password", user.password(), "csrf_token", csrf));
            assertEquals(429, locked.statusCode(), "the right password on node " + node);
            assertTrue(locked.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(locked.body().contains("id=\"error\""), locked::body);
            assertTrue(Long.parseLong(locked.headers().firstValue("Retry-After").orElse("0")) > 0,
                    () -> "Retry-After on a locked account: " + locked.headers().map());
        }
    }

    @Test
    void plainHeaderFailuresOverBothNodesLockTheAccountAtTheSingleNodeCount() {
        Cluster.User user = Cluster.createUser(Cluster.front(), "lockout-headers");
        for (int i = 0; i < MAX_FAILURES; i++) {
            Problems.assertProblem(Cluster.get(Cluster.node(1 + i % 2), "/api/me", "X-API-Email", user.email(),
                    "X-API-Password", "wrong-" + i), ProblemType.INVALID_CREDENTIALS);
        }
        for (int node = 1; node <= 2; node++) {
            assertLockedHeaders(Cluster.get(Cluster.node(node), "/api/me", user.headers()));
        }
    }

    @Test
    void failuresOnBothPathsAndBothNodesCountTogether() {
        Cluster.User user = Cluster.createUser(Cluster.front(), "lockout-mixed");
        for (int i = 0; i < MAX_FAILURES; i++) {
            if (i % 2 == 0) {
                assertInvalidGrant(Cluster.passwordGrant(Cluster.node(1), user.email(), "wrong-" + i));
            } else {
                Problems.assertProblem(Cluster.get(Cluster.node(2), "/api/me", "X-API-Email", user.email(),
                        "X-API-Password", "wrong-" + i), ProblemType.INVALID_CREDENTIALS);
            }
        }
        assertLockedHeaders(Cluster.get(Cluster.node(1), "/api/me", user.headers()));
        assertLockedGrant(Cluster.passwordGrant(Cluster.node(2), user.email(), user.password()));
    }

    private static void assertInvalidGrant(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), () -> Cluster.redacted(response));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("invalid_grant", Cluster.json(response).get("error"));
    }

    private static void assertLockedGrant(HttpResponse<String> response) {
        assertInvalidGrant(response);
        assertTrue(Long.parseLong(response.headers().firstValue("Retry-After").orElse("0")) > 0,
                () -> "Retry-After on a locked account: " + response.headers().map());
        assertTrue(String.valueOf(Cluster.json(response).get("error_description")).contains("locked"),
                () -> Cluster.redacted(response));
    }

    private static void assertLockedHeaders(HttpResponse<String> response) {
        Problems.assertProblem(response, ProblemType.TOO_MANY_ATTEMPTS);
        assertTrue(Long.parseLong(response.headers().firstValue("Retry-After").orElse("0")) > 0,
                () -> "Retry-After on a locked account: " + response.headers().map());
    }
}
