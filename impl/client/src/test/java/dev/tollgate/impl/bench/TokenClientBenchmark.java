package dev.tollgate.impl.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.api.client.AccessToken;
import dev.tollgate.impl.client.DefaultTokenClient;
import dev.tollgate.impl.client.DpopProofs;
import dev.tollgate.impl.client.SenderConstraint;
import dev.tollgate.impl.client.TokenClients;
import dev.tollgate.impl.client.jaxrs.BearerClientFilter;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The token client's hot path and the bearer filter's cost.
 *
 * <pre>
 * ./mvnw -o -pl impl -am test-compile exec:exec -Pbench -Djmh.args="TokenClient -f 1 -wi 2 -i 3"
 * </pre>
 *
 * <ul>
 *   <li>{@code accessToken*}: a cached token, 1 and 2 threads (target: 10,000,000 ops/s or more on one);</li>
 *   <li>{@code dpop*}: one DPoP proof (ES256), and the cached token plus its headers, per call;</li>
 *   <li>{@code jaxrs*}: one GET through a RESTEasy client to a local stub, with the {@link BearerClientFilter}
 *       and with a static {@code Authorization} header: the difference is the filter's overhead.</li>
 * </ul>
 */
// The JDK stub server must not wait for Nagle: without TCP_NODELAY every call stalls ~40 ms on delayed ACKs.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class TokenClientBenchmark {

    /** A stub token endpoint and API that answer at once. */
    @State(Scope.Benchmark)
    public static class Stub {
        HttpServer server;
        ExecutorService executor;
        DefaultTokenClient tokens;
        DefaultTokenClient dpopTokens;
        DpopProofs proofs;
        AccessToken dpopToken;
        URI api;
        Client filtered;
        Client dpopFiltered;
        WebTarget dpopTarget;
        Client plain;
        WebTarget filteredTarget;
        WebTarget plainTarget;

        @Setup(Level.Trial)
        public void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            server.createContext("/token", exchange -> answer(exchange, "application/json",
                    "{\"access_token\":\"bench-token\",\"token_type\":\"Bearer\",\"expires_in\":86400}"));
            server.createContext("/dpop-token", exchange -> answer(exchange, "application/json",
                    "{\"access_token\":\"bench-dpop-token\",\"token_type\":\"DPoP\",\"expires_in\":86400}"));
            server.createContext("/api", exchange -> answer(exchange, "text/plain", "ok"));
            executor = Executors.newFixedThreadPool(4);
            server.setExecutor(executor);
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            tokens = TokenClients.builder().name("bench").tokenUrl(base + "/token").clientId("bench")
                    .clientSecret("bench-secret").build();
            tokens.accessToken();
            dpopTokens = TokenClients.builder().name("bench-dpop").tokenUrl(base + "/dpop-token").clientId("bench")
                    .clientSecret("bench-secret").set("dpop.enabled", "true").build();
            dpopToken = dpopTokens.accessToken();
            proofs = dpopTokens.dpop().orElseThrow();
            api = URI.create(base + "/api");
            dpopFiltered = ClientBuilder.newClient().register(new BearerClientFilter(dpopTokens));
            dpopTarget = dpopFiltered.target(base + "/api");
            filtered = ClientBuilder.newClient().register(new BearerClientFilter(tokens));
            plain = ClientBuilder.newClient();
            filteredTarget = filtered.target(base + "/api");
            plainTarget = plain.target(base + "/api");
        }

        @TearDown(Level.Trial)
        public void stop() {
            filtered.close();
            plain.close();
            dpopFiltered.close();
            tokens.close();
            dpopTokens.close();
            server.stop(0);
            executor.shutdownNow();
        }

        private static void answer(HttpExchange exchange, String type, String body) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", type);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AccessToken accessTokenOneThread(Stub stub) {
        return stub.tokens.accessToken();
    }

    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AccessToken accessTokenTwoThreads(Stub stub) {
        return stub.tokens.accessToken();
    }

    /** One DPoP proof (ES256, with ath and a fresh jti) for an API call: the per-call cost DPoP adds. */
    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String dpopProofOneThread(Stub stub) {
        return stub.proofs.proof("GET", stub.api, stub.dpopToken);
    }

    /** What a DPoP call needs before it is sent: the cached token and its headers (Authorization + proof). */
    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Map<String, String> dpopAccessTokenAndHeadersOneThread(Stub stub) {
        return SenderConstraint.headers(stub.dpopTokens, stub.dpopTokens.accessToken(), "GET", stub.api);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int jaxrsWithDpopFilter(Stub stub) {
        try (Response r = stub.dpopTarget.request().get()) {
            return r.readEntity(String.class).length();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int jaxrsWithBearerFilter(Stub stub) {
        try (Response r = stub.filteredTarget.request().get()) {
            return r.readEntity(String.class).length();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int jaxrsWithStaticHeader(Stub stub) {
        try (Response r = stub.plainTarget.request().header("Authorization", "Bearer bench-token").get()) {
            return r.readEntity(String.class).length();
        }
    }
}
