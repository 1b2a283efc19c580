package dev.tollgate.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The cluster that the build started for the cluster suite ({@code cluster/tollgate-cluster}, execution
 * {@code it-cluster} of liberty/pom.xml): HAProxy's front end, each node directly, the shared PostgreSQL schema, and
 * the script that kills and restarts nodes. The nodes run the IT profile (profile-it.xml), so the IT's declared
 * clients and administrator exist.
 */
final class Cluster {

    static final String SERVICE = "it-service";
    static final String SERVICE_SECRET = "it-service-secret-0123456789";
    static final String APP = "it-app";
    static final String APP_SECRET = "it-app-secret-0123456789ab";
    static final String ADMIN = "admin@it.tollgate.dev";
    static final String ADMIN_PASSWORD = "it-admin-password-1";
    static final String[] ADMIN_HEADERS = {"X-API-Email", ADMIN, "X-API-Password", ADMIN_PASSWORD};
    /** The response header by which HAProxy names the node that answered (cluster/tollgate-cluster). */
    static final String NODE_HEADER = "X-Tollgate-Node";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Cluster() {
    }

    /**
     * Fails under {@code CI=true} when the build could not start the cluster for want of HAProxy, and skips
     * otherwise (the script leaves a marker then).
     */
    static void require() {
        Path missing = state().resolve("haproxy-missing");
        if (Files.exists(missing)) {
            String why = read(missing).strip();
            if ("true".equalsIgnoreCase(Optional.ofNullable(System.getenv("CI")).orElse(System.getProperty("CI")))) {
                throw new AssertionError(why + "; CI=true, so the cluster tests fail instead of skipping.");
            }
            Assumptions.abort(why + ": skipping the cluster tests.");
        }
    }

    static String front() {
        return System.getProperty("it.base.url", "http://127.0.0.1:9410");
    }

    static int port() {
        return Integer.getInteger("it.cluster.port", 9410);
    }

    static int nodes() {
        return Integer.getInteger("it.cluster.nodes", 2);
    }

    /** Node {@code i} (from 1) directly, bypassing HAProxy. */
    static String node(int i) {
        return "http://127.0.0.1:" + (port() + 1 + i);
    }

    /** HAProxy's name for node {@code i}, as in the {@value #NODE_HEADER} header and its statistics. */
    static String nodeName(int i) {
        return "tollgate-node-" + i;
    }

    static String statsCsv() {
        return "http://127.0.0.1:" + (port() + 1) + "/stats;csv";
    }

    /** The nodes' revocation bound ({@code tollgate.server.revocation-cache} and the plain-header cache). */
    static Duration revocationBound() {
        String value = System.getProperty("it.cluster.revocation-bound", "1s");
        return Duration.parse("PT" + value.toUpperCase());
    }

    /** A server setting given to every node (TOLLGATE_CLUSTER_SETTINGS), e.g. {@code tollgate.keys.rotation-period}. */
    static Duration durationSetting(String key) {
        for (String pair : System.getProperty("it.cluster.settings", "").split("\\s+")) {
            if (pair.startsWith(key + "=")) {
                return Duration.parse("PT" + pair.substring(key.length() + 1).toUpperCase());
            }
        }
        throw new IllegalStateException(key + " is not among it.cluster.settings");
    }

    static Path state() {
        return Path.of(System.getProperty("it.cluster.state", "target/cluster"));
    }

    static Path results() {
        return Path.of(System.getProperty("it.results.dir", "target"));
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(String base, String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    static HttpResponse<String> get(String base, String path, String... headers) {
        return send(request(base, path, headers).GET().build());
    }

    static HttpResponse<String> postForm(String base, String path, String form, String... headers) {
        return send(request(base, path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** A JSON request with any method; {@code json} null sends no body. */
    static HttpResponse<String> sendJson(String base, String method, String path, String json, String... headers) {
        HttpRequest.Builder builder = request(base, path, headers);
        if (json == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(builder.build());
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret))
                .getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Status and body for an assertion message, with any token in the body replaced: reports are logs too. */
    static String redacted(HttpResponse<String> response) {
        return response.statusCode() + " " + response.body()
                .replaceAll("\"(access_token|refresh_token|id_token|client_secret)\":\"[^\"]*\"", "\"$1\":\"(redacted)\"");
    }

    static String nodeOf(HttpResponse<?> response) {
        return response.headers().firstValue(NODE_HEADER).orElse("");
    }

    /** A client-credentials token of the IT service client, from {@code base}. */
    static HttpResponse<String> serviceToken(String base) {
        return postForm(base, "/oauth2/token", "grant_type=client_credentials&scope=read",
                "Authorization", basic(SERVICE, SERVICE_SECRET));
    }

    /** The password grant through the IT's confidential app (it may refresh and introspect), from {@code base}. */
    static HttpResponse<String> passwordGrant(String base, String email, String password) {
        return postForm(base, "/oauth2/token", "grant_type=password&scope=read&username=" + enc(email)
                + "&password=" + enc(password), "Authorization", basic(APP, APP_SECRET));
    }

    static HttpResponse<String> refresh(String base, String refreshToken) {
        return postForm(base, "/oauth2/token", "grant_type=refresh_token&refresh_token=" + enc(refreshToken),
                "Authorization", basic(APP, APP_SECRET));
    }

    static Map<String, Object> tokens(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), () -> redacted(response));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        return json(response);
    }

    /** The gated demo API: who the credentials name. */
    static HttpResponse<String> me(String base, String accessToken) {
        return get(base, "/api/me", "Authorization", bearer(accessToken));
    }

    record User(String id, String email, String password) {

        String[] headers() {
            return new String[] {"X-API-Email", email, "X-API-Password", password};
        }
    }

    /** A new user with a unique email, created by the bootstrap administrator through {@code base}. */
    static User createUser(String base, String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@cluster.it.tollgate.dev";
        String password = "pw-" + UUID.randomUUID();
        HttpResponse<String> response = sendJson(base, "POST", "/api/admin/users", "{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\",\"roles\":[]}", ADMIN_HEADERS);
        assertEquals(201, response.statusCode(), response::body);
        return new User((String) json(response).get("id"), email, password);
    }

    /** The shared database (the cluster's schema), for counting rows. */
    static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.cluster.db.url"),
                System.getProperty("it.cluster.db.user", "postgres"),
                System.getProperty("it.cluster.db.password", ""));
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code cluster/tollgate-cluster} with these arguments (e.g. {@code kill-node 2}), as the build does. */
    static void script(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("it.cluster.script"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TOLLGATE_CLUSTER_NODES", String.valueOf(nodes()));
        builder.environment().put("TOLLGATE_CLUSTER_PORT", String.valueOf(port()));
        Path output = Files.createTempFile("tollgate-cluster-", ".log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(6, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("cluster/tollgate-cluster " + arguments[0] + " did not finish");
            }
            assertEquals(0, process.exitValue(), () -> "cluster/tollgate-cluster " + String.join(" ", arguments)
                    + " failed: " + read(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** HAProxy's status of node {@code i} ({@code UP}, {@code DOWN}, {@code DOWN 1/2}, ...), from its CSV page. */
    static String haproxyStatus(int i) {
        HttpResponse<String> csv = get("http://127.0.0.1:" + (port() + 1), "/stats;csv");
        String[] header = csv.body().lines().findFirst().orElseThrow().replaceFirst("^# ", "").split(",");
        int name = -1;
        int status = -1;
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals("svname")) {
                name = c;
            } else if (header[c].equals("status")) {
                status = c;
            }
        }
        for (String line : csv.body().lines().skip(1).toList()) {
            String[] fields = line.split(",", -1);
            if (fields.length > Math.max(name, status) && fields[name].equals(nodeName(i))) {
                return fields[status];
            }
        }
        throw new AssertionError("no " + nodeName(i) + " in HAProxy's statistics: " + csv.body());
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sorted sample statistics by the nearest-rank method: the figures docs/PERFORMANCE.md reports. */
    record Distribution(int count, long medianMillis, long p90Millis, long p99Millis, long maxMillis) {

        static Distribution of(List<Long> millis) {
            List<Long> sorted = millis.stream().sorted().toList();
            return new Distribution(sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                    sorted.get(sorted.size() - 1));
        }

        private static long rank(List<Long> sorted, int percent) {
            int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index));
        }

        @Override
        public String toString() {
            return "n=" + count + " median=" + medianMillis + " ms p90=" + p90Millis + " ms p99=" + p99Millis
                    + " ms max=" + maxMillis + " ms";
        }
    }
}
