package dev.tollgate.impl.client;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fault-injecting HTTP server of the tests' own, on an ephemeral loopback port: per path, scripted answers
 * (taken in order) and then a default answer; every request is recorded.
 */
public final class FakeServer implements AutoCloseable {

    /**
     * One scripted answer.
     *
     * @param release when not null, the answer waits until it is counted down: the test decides when it arrives
     */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay,
                         CountDownLatch release) {

        public static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body, Duration.ZERO, null);
        }

        public static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO, null);
        }

        /** A token response; {@code expiresIn} null leaves out expires_in. */
        public static Answer token(String accessToken, Long expiresIn) {
            return token(accessToken, expiresIn, null);
        }

        public static Answer token(String accessToken, Long expiresIn, String refreshToken) {
            StringBuilder b = new StringBuilder("{\"access_token\":\"").append(accessToken)
                    .append("\",\"token_type\":\"Bearer\"");
            if (expiresIn != null) {
                b.append(",\"expires_in\":").append(expiresIn);
            }
            if (refreshToken != null) {
                b.append(",\"refresh_token\":\"").append(refreshToken).append('"');
            }
            return json(200, b.append('}').toString());
        }

        public static Answer error(int status, String error, String description) {
            return json(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, h, body, delay, release);
        }

        public Answer after(Duration wait) {
            return new Answer(status, headers, body, wait, release);
        }

        /** Answers only once {@code latch} is counted down (or the server closes): an answer held in flight. */
        public Answer heldUntil(CountDownLatch latch) {
            return new Answer(status, headers, body, delay, latch);
        }
    }

    /** One received request. Header names are lower-case. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.merge(k, v, (a, b) -> a + "," + b);
            }
            return out;
        }

        public Map<String, Object> json() {
            try {
                return JSONObjectUtils.parse(body);
            } catch (ParseException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Function<Recorded, Answer>> defaults = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeServer start() {
        try {
            return new FakeServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers taken in order, before the default answer. */
    public FakeServer enqueue(String path, Answer... answers) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** The answer once the scripted ones are used up. */
    public FakeServer otherwise(String path, Function<Recorded, Answer> answer) {
        defaults.put(path, answer);
        return this;
    }

    /** Fresh tokens {@code prefix-1}, {@code prefix-2}, ... with the given lifetime. */
    public FakeServer issuing(String path, String prefix, Long expiresIn) {
        AtomicInteger n = new AtomicInteger();
        return otherwise(path, r -> Answer.token(prefix + "-" + n.incrementAndGet(), expiresIn));
    }

    public int count(String path) {
        return (int) requests.stream().filter(r -> r.path.equals(path)).count();
    }

    public List<Recorded> requests(String path) {
        return requests.stream().filter(r -> r.path.equals(path)).toList();
    }

    public Recorded last(String path) {
        List<Recorded> r = requests(path);
        return r.get(r.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String path = exchange.getRequestURI().getPath();
            Recorded recorded = new Recorded(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    headers, body);
            requests.add(recorded);
            Deque<Answer> script = scripts.get(path);
            Answer answer = script == null ? null : script.pollFirst();
            if (answer == null) {
                Function<Recorded, Answer> fallback = defaults.get(path);
                answer = fallback == null ? Answer.of(404, "") : fallback.apply(recorded);
            }
            try {
                if (answer.release != null) {
                    answer.release.await();
                }
                if (!answer.delay.isZero()) {
                    Thread.sleep(answer.delay.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answer.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client went away (a timeout test): nothing to answer
        }
    }

    /** All requests, for assertions on what never went over the wire. */
    public List<Recorded> all() {
        return new ArrayList<>(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
