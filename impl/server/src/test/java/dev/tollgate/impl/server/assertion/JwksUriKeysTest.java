package dev.tollgate.impl.server.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client's {@code jwks_uri}, fetched from a real loopback HTTP server: allowed hosts, size, cache, failure. */
class JwksUriKeysTest {

    private HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(ClientAssertionVerifierTest.EC_KEY.toPublicJWK()).toString()
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        byte[] huge = ("{\"keys\":[],\"pad\":\"" + "x".repeat(ClientJwks.MAX_LENGTH * 2) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, huge.length);
            exchange.getResponseBody().write(huge);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static JwksUriKeys keys(Set<String> hosts) {
        return new JwksUriKeys(new ClientAssertionSettings(Duration.ofMinutes(5), Duration.ofSeconds(30),
                ClientAssertionSettings.defaults().algorithms(), hosts));
    }

    @Test
    void keysWhenHostAllowedThenFetchedOnceAndCached() throws Exception {
        JwksUriKeys keys = keys(Set.of("127.0.0.1"));
        assertEquals("ec-1", keys.keys(base + "/jwks").orElseThrow().getKeys().get(0).getKeyID());
        keys.keys(base + "/jwks");
        assertEquals(1, fetches.get(), "the second read comes from the cache");
    }

    @Test
    void keysWhenHostNotAllowedThenEmptyAndNothingFetched() throws Exception {
        assertTrue(keys(Set.of("keys.example.com")).keys(base + "/jwks").isEmpty());
        assertTrue(keys(Set.of()).keys(base + "/jwks").isEmpty());
        assertEquals(0, fetches.get());
    }

    @Test
    void keysWhenTooLargeOrUnreachableThenUnreachable() {
        JwksUriKeys keys = keys(Set.of("127.0.0.1"));
        assertThrows(JwksUriKeys.UnreachableException.class, () -> keys.keys(base + "/huge"));
        server.stop(0);
        assertThrows(JwksUriKeys.UnreachableException.class, () -> keys.keys(base + "/jwks"));
    }
}
