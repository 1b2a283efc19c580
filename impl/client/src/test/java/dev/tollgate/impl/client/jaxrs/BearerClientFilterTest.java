package dev.tollgate.impl.client.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.api.error.TokenClientException;
import dev.tollgate.impl.client.DefaultTokenClient;
import dev.tollgate.impl.client.FakeServer;
import dev.tollgate.impl.client.FakeServer.Answer;
import dev.tollgate.impl.client.FakeServer.Recorded;
import dev.tollgate.impl.client.TokenClients;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerClientFilterTest {

    private static final Answer INVALID_TOKEN = Answer.of(401, "{\"title\":\"Token expired\"}")
            .withHeader("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\", "
                    + "error_description=\"The access token expired\"");

    private FakeServer server;
    private DefaultTokenClient tokens;
    private Client client;

    @BeforeEach
    void start() {
        server = FakeServer.start();
        server.issuing("/token", "tok", 3600L);
        tokens = TokenClients.builder().name("api").tokenUrl(server.uri("/token")).clientId("svc")
                .clientSecret("secret").build();
        client = ClientBuilder.newClient().register(new BearerClientFilter(tokens));
    }

    @AfterEach
    void stop() {
        client.close();
        tokens.close();
        server.close();
    }

    private Response get() {
        return client.target(server.uri("/api")).request().get();
    }

    @Test
    void everyCallCarriesTheBearerToken() {
        server.otherwise("/api", r -> Answer.of(200, "ok"));

        try (Response first = get(); Response second = get()) {
            assertEquals(200, first.getStatus());
            assertEquals(200, second.getStatus());
        }

        for (Recorded r : server.requests("/api")) {
            assertEquals("Bearer tok-1", r.header("Authorization"));
        }
        assertEquals(1, server.count("/token"));
    }

    @Test
    void invalidTokenChallengeIsReplayedOnceWithANewToken() {
        server.enqueue("/api", INVALID_TOKEN);
        server.otherwise("/api", r -> Answer.of(200, "hello").withHeader("X-Answer", "second"));

        try (Response response = client.target(server.uri("/api")).queryParam("q", "a b").request()
                .header("X-Trace", "t-1").get()) {
            assertEquals(200, response.getStatus());
            assertEquals("hello", response.readEntity(String.class));
            assertEquals("second", response.getHeaderString("X-Answer"));
        }

        List<Recorded> calls = server.requests("/api");
        assertEquals(2, calls.size(), "exactly one replay");
        assertEquals("Bearer tok-1", calls.get(0).header("Authorization"));
        assertEquals("Bearer tok-2", calls.get(1).header("Authorization"));
        assertEquals("t-1", calls.get(1).header("X-Trace"));
        assertEquals(calls.get(0).query(), calls.get(1).query());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void secondUnauthorizedReachesTheCaller() {
        server.otherwise("/api", r -> INVALID_TOKEN);

        try (Response response = get()) {
            assertEquals(401, response.getStatus());
            assertEquals("{\"title\":\"Token expired\"}", response.readEntity(String.class));
        }

        assertEquals(2, server.count("/api"));
        assertEquals(2, server.count("/token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-API-Expired", "X-API-Revoked"})
    void ripsExpiredAndRevokedHeadersTriggerTheReplay(String header) {
        server.enqueue("/api", Answer.of(401, "").withHeader(header, "true"));
        server.otherwise("/api", r -> Answer.of(200, "ok"));

        try (Response response = get()) {
            assertEquals(200, response.getStatus());
        }

        assertEquals(2, server.count("/api"));
        assertEquals(2, server.count("/token"));
    }

    @Test
    void unauthorizedWithoutATokenSignalIsNotReplayed() {
        server.otherwise("/api", r -> Answer.of(401, "").withHeader("WWW-Authenticate", "Bearer realm=\"api\""));

        try (Response response = get()) {
            assertEquals(401, response.getStatus());
        }
        get().close();

        assertEquals(2, server.count("/api"));
        assertEquals(1, server.count("/token"), "the token was not invalidated");
    }

    @Test
    void stringBodyIsReplayed() {
        server.enqueue("/api", INVALID_TOKEN);
        server.otherwise("/api", r -> Answer.of(201, ""));

        try (Response response = client.target(server.uri("/api")).request()
                .post(Entity.json("{\"name\":\"widget\"}"))) {
            assertEquals(201, response.getStatus());
        }

        List<Recorded> calls = server.requests("/api");
        assertEquals(2, calls.size());
        assertEquals("{\"name\":\"widget\"}", calls.get(1).body());
        assertEquals("application/json", calls.get(1).header("Content-Type"));
    }

    @Test
    void nonReplayableBodyIsNotReplayed() {
        server.enqueue("/api", INVALID_TOKEN);
        server.otherwise("/api", r -> Answer.of(201, ""));

        try (Response response = client.target(server.uri("/api")).request().post(Entity.entity(
                new ByteArrayInputStream("stream".getBytes(StandardCharsets.UTF_8)),
                MediaType.APPLICATION_OCTET_STREAM_TYPE))) {
            assertEquals(401, response.getStatus(), "the caller gets the 401");
        }
        assertEquals(1, server.count("/api"));

        get().close(); // but the rejected token is gone: the next call has a new one
        assertEquals("Bearer tok-2", server.last("/api").header("Authorization"));
    }

    @Test
    void tokenFailureSurfacesAsProcessingExceptionCausedByTokenClientException() {
        server.close();

        ProcessingException e = assertThrows(ProcessingException.class, () -> get().close());

        assertInstanceOf(TokenClientException.class, e.getCause());
    }

    @Test
    void concurrentRejectionsShareOneNewToken() throws Exception {
        server.otherwise("/api", r -> "Bearer tok-1".equals(r.header("Authorization")) ? INVALID_TOKEN
                : Answer.of(200, "ok"));
        tokens.accessToken(); // everyone starts with tok-1

        int threads = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try (Response r = get()) {
                        return r.getStatus();
                    }
                }));
            }
            go.countDown();
            for (Future<Integer> f : results) {
                assertEquals(200, f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, server.count("/token"), "one new token for all rejected callers");
    }
}
