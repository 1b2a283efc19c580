package dev.tollgate.it.cluster;

import static dev.tollgate.it.cluster.Cluster.ADMIN_HEADERS;
import static dev.tollgate.it.cluster.Cluster.SERVICE;
import static dev.tollgate.it.cluster.Cluster.SERVICE_SECRET;
import static dev.tollgate.it.cluster.Cluster.basic;
import static dev.tollgate.it.cluster.Cluster.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.support.Problems;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one node changes, every other node refuses within the configured bound: a revocation (RFC 7009), a client's
 * soft delete, a user's disablement and a password reset, each made at node A and then tried at node B. The nodes
 * run with a bound of {@code it.cluster.revocation-bound} (1 s: {@code tollgate.server.revocation-cache} and the
 * gate's {@code plain-headers.cache-ttl}; the default of both is 5 s).
 *
 * <p>Each kind runs {@code it.cluster.trials} (30) trials, A and B swapping each time. A trial first has node B
 * accept the credential (so that B has it in its cache, the worst case), then makes the change at A, then polls B
 * every 50 ms. Correctness (asserted): no request to B that started more than the bound after A acknowledged the
 * change is admitted. The measured delay of a trial is the start of B's first refusal after that acknowledgement
 * (and, apart, after the start of A's request), so it may pass the bound by up to one poll interval and one request;
 * the distributions go to {@code liberty/target/cluster-propagation.txt} (figures in docs/PERFORMANCE.md).
 */
class ClusterPropagationIT {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final int TRIALS = Integer.getInteger("it.cluster.trials", 30);
    private static final Map<String, List<Long>> DELAYS = new TreeMap<>();
    private static final Map<String, List<Long>> FROM_REQUEST = new TreeMap<>();

    @BeforeAll
    static void cluster() {
        Cluster.require();
    }

    @AfterAll
    static void writeDistribution() throws IOException {
        if (DELAYS.isEmpty()) {
            return;
        }
        StringBuilder report = new StringBuilder("# Propagation delay from node A's acknowledgement to node B's first"
                + " refusal (poll every " + POLL.toMillis() + " ms), bound " + Cluster.revocationBound().toMillis()
                + " ms\n");
        DELAYS.forEach((kind, delays) -> report.append(kind).append(": ")
                .append(Cluster.Distribution.of(delays)).append('\n'));
        report.append("# The same, counted from the start of node A's request (the change is made somewhere between"
                + " its start and its acknowledgement)\n");
        FROM_REQUEST.forEach((kind, delays) -> report.append(kind).append(": ")
                .append(Cluster.Distribution.of(delays)).append('\n'));
        Files.writeString(Cluster.results().resolve("cluster-propagation.txt"), report, StandardCharsets.UTF_8);
    }

    @Test
    void revokedAccessTokenIsRefusedOnTheOtherNodeWithinTheBound() throws Exception {
        trials("revocation (RFC 7009)", (a, b) -> {
            String token = accessToken(Cluster.serviceToken(a));
            return new Trial(() -> Cluster.me(b, token), () -> {
                HttpResponse<String> revoked = Cluster.postForm(a, "/oauth2/revoke", "token=" + enc(token),
                        "Authorization", basic(SERVICE, SERVICE_SECRET));
                assertEquals(200, revoked.statusCode(), () -> Cluster.redacted(revoked));
                // The node that served the revocation refuses at once (README, "Revoking a grant").
                assertRevoked(Cluster.me(a, token));
            }, ClusterPropagationIT::assertRevoked);
        });
    }

    @Test
    void softDeletedClientsTokenIsRefusedOnTheOtherNodeWithinTheBound() throws Exception {
        trials("client soft delete", (a, b) -> {
            HttpResponse<String> created = Cluster.sendJson(a, "POST", "/api/service-clients",
                    "{\"name\":\"cluster propagation " + UUID.randomUUID().toString().substring(0, 8) + "\"}",
                    ADMIN_HEADERS);
            assertEquals(201, created.statusCode(), () -> Cluster.redacted(created));
            String clientId = (String) Cluster.json(created).get("client_id");
            String secret = (String) Cluster.json(created).get("client_secret");
            String token = accessToken(Cluster.postForm(a, "/oauth2/token", "grant_type=client_credentials",
                    "Authorization", basic(clientId, secret)));
            return new Trial(() -> Cluster.me(b, token), () -> {
                HttpResponse<String> deleted = Cluster.sendJson(a, "DELETE", "/api/service-clients/" + clientId,
                        null, ADMIN_HEADERS);
                assertEquals(204, deleted.statusCode(), () -> Cluster.redacted(deleted));
            }, ClusterPropagationIT::assertRevoked);
        });
    }

    @Test
    void disabledUsersTokenIsRefusedOnTheOtherNodeWithinTheBound() throws Exception {
        trials("user disablement", (a, b) -> {
            Cluster.User user = Cluster.createUser(a, "disable");
            String token = accessToken(Cluster.passwordGrant(a, user.email(), user.password()));
            return new Trial(() -> Cluster.me(b, token), () -> {
                HttpResponse<String> disabled = Cluster.sendJson(a, "POST",
                        "/api/admin/users/" + user.id() + "/disable", null, ADMIN_HEADERS);
                assertEquals(200, disabled.statusCode(), () -> Cluster.redacted(disabled));
            }, ClusterPropagationIT::assertRevoked);
        });
    }

    @Test
    void oldPasswordIsRefusedOnTheOtherNodeWithinTheBoundAfterAReset() throws Exception {
        trials("password reset", (a, b) -> {
            Cluster.User user = Cluster.createUser(a, "reset");
            return new Trial(() -> Cluster.get(b, "/api/me", user.headers()), () -> {
                HttpResponse<String> reset = Cluster.sendJson(a, "POST", "/api/admin/users/" + user.id()
                        + "/password", "{\"password\":\"new-" + UUID.randomUUID() + "\"}", ADMIN_HEADERS);
                assertEquals(204, reset.statusCode(), () -> Cluster.redacted(reset));
            }, refused -> {
                // A wrong password is 401 invalid-credentials; after max-failures of them, 429 too-many-attempts.
                if (refused.statusCode() == 429) {
                    Problems.assertProblem(refused, ProblemType.TOO_MANY_ATTEMPTS);
                    assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
                } else {
                    Problems.assertProblem(refused, ProblemType.INVALID_CREDENTIALS);
                }
            });
        });
    }

    /** One trial: the credential's use at node B, the change at node A, and the check of B's refusal. */
    private record Trial(Supplier<HttpResponse<String>> useAtB, Runnable changeAtA,
                         Consumer<HttpResponse<String>> assertRefusal) {
    }

    private interface TrialFactory {
        Trial prepare(String nodeA, String nodeB) throws Exception;
    }

    private static void trials(String kind, TrialFactory factory) throws Exception {
        long bound = Cluster.revocationBound().toNanos();
        List<Long> delays = new ArrayList<>();
        List<Long> fromRequest = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            int a = 1 + trial % 2;
            int b = 3 - a;
            Trial t = factory.prepare(Cluster.node(a), Cluster.node(b));
            HttpResponse<String> before = t.useAtB().get();
            assertEquals(200, before.statusCode(), () -> kind + ": node " + b + " first admits it: " + before.body());

            long requested = System.nanoTime();
            t.changeAtA().run();
            long acknowledged = System.nanoTime();
            while (true) {
                long started = System.nanoTime();
                HttpResponse<String> response = t.useAtB().get();
                long since = started - acknowledged;
                if (response.statusCode() != 200) {
                    t.assertRefusal().accept(response);
                    delays.add(Duration.ofNanos(since).toMillis());
                    fromRequest.add(Duration.ofNanos(started - requested).toMillis());
                    break;
                }
                int trialNumber = trial;
                assertTrue(since <= bound, () -> kind + ", trial " + trialNumber + ": node " + b + " still admitted"
                        + " a request that started " + Duration.ofNanos(since).toMillis() + " ms after node " + a
                        + " acknowledged the change (bound " + Duration.ofNanos(bound).toMillis() + " ms)");
                Thread.sleep(POLL.toMillis());
            }
        }
        synchronized (DELAYS) {
            DELAYS.put(kind, delays);
            FROM_REQUEST.put(kind, fromRequest);
        }
    }

    private static String accessToken(HttpResponse<String> tokenResponse) {
        return (String) Cluster.tokens(tokenResponse).get("access_token");
    }

    /** The gate's refusal of a revoked token: 401 token-revoked, X-API-Revoked, a Bearer challenge. */
    private static void assertRevoked(HttpResponse<String> response) {
        Problems.assertProblem(response, ProblemType.TOKEN_REVOKED);
        assertEquals("true", response.headers().firstValue("X-API-Revoked").orElse(null));
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "),
                () -> "WWW-Authenticate: " + response.headers().allValues("WWW-Authenticate"));
    }
}
