package dev.tollgate.it.cluster;

import static dev.tollgate.it.cluster.Cluster.ADMIN;
import static dev.tollgate.it.cluster.Cluster.ADMIN_PASSWORD;
import static dev.tollgate.it.cluster.Cluster.APP;
import static dev.tollgate.it.cluster.Cluster.APP_SECRET;
import static dev.tollgate.it.cluster.Cluster.SERVICE;
import static dev.tollgate.it.cluster.Cluster.SERVICE_SECRET;
import static dev.tollgate.it.cluster.Cluster.basic;
import static dev.tollgate.it.cluster.Cluster.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refresh-token rotation (RFC 9700 §4.14.2) when the uses of one refresh token land on different nodes: the same
 * rules as on one node (RefreshRevokeIntrospectIT, the IT profile's grace period of 2 s), since the decision is
 * atomic in the shared database. One family, at most one live successor, no fork; reuse detected as on one node.
 */
class ClusterRefreshRotationIT {

    /** The IT profile's tollgate.server.refresh-grace-period (profile-it.xml). */
    private static final Duration GRACE = Duration.ofSeconds(2);

    @BeforeAll
    static void cluster() {
        Cluster.require();
    }

    private static Map<String, Object> login() {
        return Cluster.tokens(Cluster.passwordGrant(Cluster.front(), ADMIN, ADMIN_PASSWORD));
    }

    private static Map<String, Object> introspectAsApp(String base, String token) {
        HttpResponse<String> response = Cluster.postForm(base, "/oauth2/introspect", "token=" + enc(token),
                "Authorization", basic(APP, APP_SECRET));
        assertEquals(200, response.statusCode(), () -> Cluster.redacted(response));
        return Cluster.json(response);
    }

    private static Map<String, Object> introspect(String base, String accessToken) {
        HttpResponse<String> response = Cluster.postForm(base, "/oauth2/introspect", "token=" + enc(accessToken),
                "Authorization", basic(SERVICE, SERVICE_SECRET));
        assertEquals(200, response.statusCode(), () -> Cluster.redacted(response));
        return Cluster.json(response);
    }

    private static void assertInvalidGrant(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), () -> Cluster.redacted(response));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("invalid_grant", Cluster.json(response).get("error"), () -> Cluster.redacted(response));
    }

    /** Family and live-token counts of the family that {@code refreshToken} belongs to, from the database. */
    private static long[] familyRows(String refreshToken) throws Exception {
        try (Connection db = Cluster.database();
             PreparedStatement select = db.prepareStatement("SELECT COUNT(DISTINCT r.family_id),"
                     + " COUNT(*) FILTER (WHERE r.used_at IS NULL AND r.revoked_at IS NULL),"
                     + " COUNT(*) FROM refresh_tokens r WHERE r.family_id ="
                     + " (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)")) {
            select.setString(1, Cluster.sha256Hex(refreshToken));
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next());
                return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)};
            }
        }
    }

    @Test
    void refreshesAtBothNodesAtOnceBothSucceedWithOneLiveSuccessorInOneFamily() throws Exception {
        for (int round = 0; round < 5; round++) {
            String first = (String) login().get("refresh_token");
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<HttpResponse<String>> atA = CompletableFuture.supplyAsync(() -> {
                await(go);
                return Cluster.refresh(Cluster.node(1), first);
            });
            CompletableFuture<HttpResponse<String>> atB = CompletableFuture.supplyAsync(() -> {
                await(go);
                return Cluster.refresh(Cluster.node(2), first);
            });
            go.countDown();

            Map<String, Object> one = Cluster.tokens(atA.join());
            Map<String, Object> two = Cluster.tokens(atB.join());
            assertNotEquals(one.get("refresh_token"), two.get("refresh_token"));
            long live = Stream.of(one, two).filter(tokens -> Boolean.TRUE.equals(introspectAsApp(Cluster.front(),
                    (String) tokens.get("refresh_token")).get("active"))).count();
            assertEquals(1, live, "at most one live successor (RFC 9700 §4.14.2)");
            long[] family = familyRows(first);
            assertEquals(3, family[2], "the first token and its two answers");
            assertEquals(1, family[1], "one live token in the family: no fork");
            assertEquals(1, family[0]);
            assertEquals(3, familyRows((String) one.get("refresh_token"))[2], "both answers in the first's family");
            assertEquals(3, familyRows((String) two.get("refresh_token"))[2], "both answers in the first's family");
        }
    }

    @Test
    void fiveUsesAlternatingBetweenNodesLeaveOneBranchAndALaterUseOfADeadBranchRevokesTheFamilyEverywhere()
            throws Exception {
        String first = (String) login().get("refresh_token");
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(Cluster.tokens(Cluster.refresh(Cluster.node(1 + i % 2), first)));
        }
        Map<String, Object> live = answers.get(4);
        assertEquals(5, answers.stream().map(tokens -> tokens.get("refresh_token")).distinct().count());
        for (Map<String, Object> dead : answers.subList(0, 4)) {
            for (int node = 1; node <= 2; node++) {
                assertEquals(Map.of("active", false), introspectAsApp(Cluster.node(node),
                        (String) dead.get("refresh_token")));
                assertEquals(Map.of("active", false), introspect(Cluster.node(node),
                        (String) dead.get("access_token")), "a dead branch's access token dies with it");
            }
        }
        assertEquals(true, introspectAsApp(Cluster.node(2), (String) live.get("refresh_token")).get("active"));
        long[] family = familyRows(first);
        assertEquals(6, family[2], "the first token and its five answers, in one family");
        assertEquals(1, family[1], "one live token in the family");
        Thread.sleep(GRACE.plusMillis(500).toMillis());

        assertInvalidGrant(Cluster.refresh(Cluster.node(1), (String) answers.get(0).get("refresh_token")));

        // The reuse revoked the whole family, the live branch too, with its access token: at both nodes' gates
        // within the revocation bound.
        assertInvalidGrant(Cluster.refresh(Cluster.node(2), (String) live.get("refresh_token")));
        assertEquals(0, familyRows(first)[1], "nothing live in the family");
        String accessToken = (String) live.get("access_token");
        for (int node = 1; node <= 2; node++) {
            assertEquals(Map.of("active", false), introspect(Cluster.node(node), accessToken));
            assertRefusedByTheGateWithinTheBound(Cluster.node(node), accessToken);
        }
    }

    @Test
    void reuseAfterTheGracePeriodOnTheOtherNodeRevokesTheWholeFamily() throws Exception {
        String first = (String) login().get("refresh_token");
        String second = (String) Cluster.tokens(Cluster.refresh(Cluster.node(1), first)).get("refresh_token");
        Thread.sleep(GRACE.plusMillis(500).toMillis());

        assertInvalidGrant(Cluster.refresh(Cluster.node(2), first));

        assertInvalidGrant(Cluster.refresh(Cluster.node(1), second));
        assertEquals(0, familyRows(first)[1], "nothing live in the family");
    }

    private static void assertRefusedByTheGateWithinTheBound(String base, String accessToken) throws Exception {
        Instant deadline = Instant.now().plus(Cluster.revocationBound()).plusMillis(500);
        HttpResponse<String> refused = Cluster.me(base, accessToken);
        while (refused.statusCode() == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            refused = Cluster.me(base, accessToken);
        }
        Problems.assertProblem(refused, ProblemType.TOKEN_REVOKED);
        assertEquals("true", refused.headers().firstValue("X-API-Revoked").orElse(null));
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
