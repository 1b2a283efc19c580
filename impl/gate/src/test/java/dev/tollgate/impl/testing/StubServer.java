package dev.tollgate.impl.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server (the JDK's) that answers fixed responses per path, counts calls and records requests: a stand-in
 * for a JWKS endpoint, an issuer's metadata or an introspection endpoint. Binds 127.0.0.1 on a free port.
 */
public final class StubServer implements AutoCloseable {

    /** A canned answer. */
    public record Response(int status, String contentType, String body) {
        public static Response json(String body) {
            return new Response(200, "application/json", body);
        }

        public static Response status(int status) {
            return new Response(status, "text/plain", "");
        }
    }

    /** What a client sent. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;
    private volatile CountDownLatch held;

    public StubServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answer {@code path} with {@code response} from now on. */
    public StubServer on(String path, Response response) {
        responses.put(path, response);
        return this;
    }

    /** Wait this long before every answer. */
    public StubServer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /**
     * Hold every answer from now on until {@link #release()}: the client sees a server that accepted its request and
     * does not answer, for as long as the test wants, with no timing in the test.
     */
    public StubServer hold() {
        held = new CountDownLatch(1);
        return this;
    }

    /** Let held answers go. */
    public void release() {
        CountDownLatch latch = held;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Whether the server is holding its answers (not released yet). */
    public boolean holding() {
        CountDownLatch latch = held;
        return latch != null && latch.getCount() > 0;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    public int totalHits() {
        return requests.size();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
                    body));
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                CountDownLatch latch = held;
                if (latch != null) {
                    latch.await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Response response = responses.getOrDefault(path, Response.status(404));
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    /** A URI on 127.0.0.1 where nothing listens (a port that was just free). */
    public static URI unreachable(String path) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
