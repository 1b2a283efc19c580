package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.api.error.TokenClientException;
import dev.tollgate.impl.client.FakeServer.Answer;
import dev.tollgate.impl.client.FakeServer.Recorded;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizedHttpClientTest {

    private static final Answer INVALID_TOKEN = Answer.of(401, "")
            .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");

    private FakeServer server;
    private DefaultTokenClient tokens;
    private AuthorizedHttpClient api;

    @BeforeEach
    void start() {
        server = FakeServer.start();
        server.issuing("/token", "tok", 3600L);
        tokens = TestClients.confidential(server, new MutableClock()).build();
        api = new AuthorizedHttpClient(HttpClient.newHttpClient(), tokens);
    }

    @AfterEach
    void stop() {
        tokens.close();
        server.close();
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(server.uri("/api"));
    }

    @Test
    void everyRequestCarriesTheBearerTokenInsteadOfAnyOtherAuthorization() throws Exception {
        server.otherwise("/api", r -> Answer.of(200, "ok"));

        HttpResponse<String> response = api.send(request().header("Authorization", "Basic old").GET().build(),
                BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(List.of("Bearer tok-1"), server.last("/api").headers().get("authorization"));
    }

    @Test
    void invalidTokenIsReplayedOnceWithANewToken() throws Exception {
        server.enqueue("/api", INVALID_TOKEN);
        server.otherwise("/api", r -> Answer.of(200, "ok"));

        HttpResponse<String> response = api.send(request().POST(BodyPublishers.ofString("{\"a\":1}")).build(),
                BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        List<Recorded> calls = server.requests("/api");
        assertEquals(2, calls.size());
        assertEquals("Bearer tok-2", calls.get(1).header("Authorization"));
        assertEquals("{\"a\":1}", calls.get(1).body());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void secondUnauthorizedReachesTheCaller() throws Exception {
        server.otherwise("/api", r -> INVALID_TOKEN);

        HttpResponse<String> response = api.send(request().GET().build(), BodyHandlers.ofString());

        assertEquals(401, response.statusCode());
        assertEquals(2, server.count("/api"));
    }

    @Test
    void streamingBodyIsNotReplayed() throws Exception {
        server.enqueue("/api", INVALID_TOKEN);
        server.otherwise("/api", r -> Answer.of(200, "ok"));

        HttpResponse<String> response = api.send(request().POST(BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[] {1, 2, 3}))).build(), BodyHandlers.ofString());

        assertEquals(401, response.statusCode());
        assertEquals(1, server.count("/api"));
    }

    @Test
    void streamedResponseOfTheRejectedCallIsClosedBeforeTheReplay() throws Exception {
        server.enqueue("/api", INVALID_TOKEN);
        server.otherwise("/api", r -> Answer.of(200, "ok"));

        HttpResponse<java.io.InputStream> response = api.send(request().GET().build(), BodyHandlers.ofInputStream());

        try (var body = response.body()) {
            assertEquals("ok", new String(body.readAllBytes()));
        }
    }

    @Test
    void noTokenMeansTokenClientException() {
        server.close();
        assertThrows(TokenClientException.class, () -> api.send(request().GET().build(), BodyHandlers.ofString()));
    }
}
