package dev.tollgate.it.cluster;

import static dev.tollgate.it.cluster.Cluster.ADMIN;
import static dev.tollgate.it.cluster.Cluster.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node dies ({@code kill -9}) under a steady, bounded load through HAProxy: a few threads each loop on a
 * client-credentials token, a gated API call with it, and a refresh of their own refresh token. HAProxy fails over:
 * the only failed requests are those in flight on the killed node (at most one per thread), none after HAProxy's
 * health check marked the node down, and every refresh token issued before the kill still works on the survivor.
 * Then the node is started again and comes back into the rotation. How long HAProxy took to mark the node down goes
 * to {@code liberty/target/cluster-failover.txt}.
 */
class ClusterFailoverIT {

    private static final int THREADS = 4;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(4);
    private static final Duration AFTER_DOWN = Duration.ofSeconds(6);
    private static final int VICTIM = 2;
    private static final int SURVIVOR = 1;

    @BeforeAll
    static void cluster() {
        Cluster.require();
    }

    /** One request of the load: when it started and ended, which step, and how it went. */
    private record Outcome(long startNanos, long endNanos, String step, int status, String node, String failure) {

        boolean failed() {
            return failure != null || status >= 500;
        }
    }

    @Test
    void killedNodeFailsOverWithOnlyItsInFlightRequestsLostAndRefreshTokensSurvive() throws Exception {
        // Refresh tokens issued (on both nodes) before the kill, kept aside: each must still work afterwards.
        List<String> keptAside = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            keptAside.add((String) Cluster.tokens(Cluster.passwordGrant(Cluster.node(1 + i % 2), ADMIN,
                    ADMIN_PASSWORD)).get("refresh_token"));
        }
        List<String> chains = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            chains.add((String) Cluster.tokens(Cluster.passwordGrant(Cluster.front(), ADMIN, ADMIN_PASSWORD))
                    .get("refresh_token"));
        }

        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        long killed;
        long markedDown;
        try {
            for (int t = 0; t < THREADS; t++) {
                String chain = chains.get(t);
                workers.add(pool.submit(() -> load(chain, stop, outcomes)));
            }
            Thread.sleep(BEFORE_KILL.toMillis());
            assertEquals("UP", Cluster.haproxyStatus(VICTIM));

            Cluster.script("kill-node", String.valueOf(VICTIM));
            killed = System.nanoTime();
            while (!Cluster.haproxyStatus(VICTIM).startsWith("DOWN")) {
                assertTrue(System.nanoTime() - killed < Duration.ofSeconds(30).toNanos(),
                        "HAProxy did not mark the killed node down within 30 s");
                Thread.sleep(50);
            }
            markedDown = System.nanoTime();
            Thread.sleep(AFTER_DOWN.toMillis());
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        for (Future<?> worker : workers) {
            worker.get();
        }

        List<Outcome> all = List.copyOf(outcomes);
        List<Outcome> failed = all.stream().filter(Outcome::failed).toList();
        long downMillis = Duration.ofNanos(markedDown - killed).toMillis();
        long afterDown = all.stream().filter(o -> o.startNanos() >= markedDown).count();
        String report = "kill -9 of node " + VICTIM + " under " + THREADS + " threads: " + all.size()
                + " requests, " + failed.size() + " failed (" + failed.stream().map(o -> o.step() + " "
                + (o.failure() != null ? o.failure() : String.valueOf(o.status()))).collect(Collectors.joining(", "))
                + "); HAProxy marked it DOWN " + downMillis + " ms after the kill; " + afterDown
                + " requests after that, all on " + Cluster.nodeName(SURVIVOR) + "\n";
        Files.writeString(Cluster.results().resolve("cluster-failover.txt"), report, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        assertTrue(failed.size() <= THREADS, () -> "more failures than requests in flight: " + report);
        for (Outcome failure : failed) {
            assertTrue(failure.startNanos() < markedDown, () -> "a request started after the node was marked down"
                    + " failed: " + failure);
            assertTrue(failure.endNanos() >= killed, () -> "a request failed before the kill: " + failure);
        }
        assertTrue(all.stream().filter(o -> o.startNanos() >= markedDown).allMatch(o ->
                o.node().equals(Cluster.nodeName(SURVIVOR))), "after DOWN only the survivor answers");
        assertTrue(afterDown > 0, "the load went on after the failover");

        for (String refreshToken : keptAside) {
            Map<String, Object> refreshed = Cluster.tokens(Cluster.refresh(Cluster.node(SURVIVOR), refreshToken));
            assertTrue(refreshed.get("refresh_token") instanceof String);
        }

        // Back into the rotation: started again (the harness's own command), ready, UP, and answering.
        Cluster.script("start-node", String.valueOf(VICTIM));
        Instant deadline = Instant.now().plusSeconds(60);
        while (!Cluster.haproxyStatus(VICTIM).equals("UP")) {
            assertTrue(Instant.now().isBefore(deadline), "HAProxy did not take the restarted node back");
            Thread.sleep(200);
        }
        boolean answered = false;
        for (int i = 0; i < 10 && !answered; i++) {
            answered = Cluster.nodeName(VICTIM).equals(Cluster.nodeOf(Cluster.get(Cluster.front(), "/api/status")));
        }
        assertTrue(answered, "the restarted node answers through HAProxy again");
    }

    /** One thread's loop until {@code stop}: a token, a gated call with it, a refresh of its own chain. */
    private static void load(String refreshToken, AtomicBoolean stop, List<Outcome> outcomes) {
        String chain = refreshToken;
        while (!stop.get()) {
            Outcome token = call("token", () -> Cluster.serviceToken(Cluster.front()));
            outcomes.add(token);
            if (!token.failed()) {
                String accessToken = lastAccessToken.get();
                outcomes.add(call("api", () -> Cluster.me(Cluster.front(), accessToken)));
            }
            String presented = chain;
            Outcome refreshed = call("refresh", () -> Cluster.refresh(Cluster.front(), presented));
            outcomes.add(refreshed);
            if (refreshed.failed()) {
                // The refresh may have taken effect on the dead node: the client sends it again, within the grace
                // period (RFC 9700 §4.14.2 allows that answer), and must get a successor.
                Outcome again = call("refresh again", () -> Cluster.refresh(Cluster.front(), presented));
                outcomes.add(again);
                assertEquals(200, again.status(), "a refresh repeated after a failover: " + again);
            }
            chain = lastRefreshToken.get() != null ? lastRefreshToken.get() : chain;
        }
    }

    private static final ThreadLocal<String> lastAccessToken = new ThreadLocal<>();
    private static final ThreadLocal<String> lastRefreshToken = new ThreadLocal<>();

    /** Makes one request and records it; a transport failure (connection reset, refused) is a failed outcome. */
    private static Outcome call(String step, java.util.function.Supplier<HttpResponse<String>> request) {
        long start = System.nanoTime();
        lastRefreshToken.remove();
        try {
            HttpResponse<String> response = request.get();
            long end = System.nanoTime();
            if (response.statusCode() == 200 && response.body().contains("\"access_token\"")) {
                Map<String, Object> body = Cluster.json(response);
                lastAccessToken.set((String) body.get("access_token"));
                if (body.get("refresh_token") instanceof String refreshToken) {
                    lastRefreshToken.set(refreshToken);
                }
            } else if (response.statusCode() != 200) {
                return new Outcome(start, end, step, response.statusCode(), Cluster.nodeOf(response),
                        response.statusCode() < 500 ? "unexpected " + response.statusCode() + " " + response.body()
                                : null);
            }
            return new Outcome(start, end, step, response.statusCode(), Cluster.nodeOf(response), null);
        } catch (UncheckedIOException e) {
            return new Outcome(start, System.nanoTime(), step, 0, "", e.getCause().toString());
        }
    }
}
