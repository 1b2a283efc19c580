import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop refresh_token load (no dependency: run it with {@code java bench/RefreshLoad.java ...}): each thread
 * owns a chain of refresh tokens, exchanges its current token, and continues with the successor, so that every
 * request is a first use (a rotation) and no token is ever presented twice. The chains' current tokens are read from
 * and written back to a file, one per line, so that runs follow each other. wrk cannot do this: it may stop with a
 * request in flight, and the token of that request is then lost (its successor was issued, never received).
 *
 * <pre>
 *   java bench/RefreshLoad.java seed BASE_URL CLIENT_ID USER PASSWORD N FILE     # N chains by the password grant
 *   java bench/RefreshLoad.java run BASE_URL CLIENT_ID SECONDS FILE              # one thread per line of FILE
 * </pre>
 * Prints "requests errors seconds requests/s". A failed refresh ends that chain (its line becomes empty).
 */
public final class RefreshLoad {

    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Path.of(args[6]));
            case "run" -> run(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException("seed or run");
        }
    }

    private static void seed(String base, String clientId, String user, String password, int n, Path file)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = form("grant_type", "password", "client_id", clientId, "username", user, "password",
                    password, "scope", "read");
            tokens.add(refreshToken(http, base, body).orElseThrow(() -> new IllegalStateException("login failed")));
        }
        Files.write(file, tokens);
    }

    private static void run(String base, String clientId, int seconds, Path file) throws Exception {
        List<String> chains = new ArrayList<>(Files.readAllLines(file));
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            int chain = i;
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String token = chains.get(chain);
                while (!token.isEmpty() && System.nanoTime() < end) {
                    String body = form("grant_type", "refresh_token", "client_id", clientId, "refresh_token",
                            token);
                    java.util.Optional<String> next;
                    try {
                        next = refreshToken(http, base, body);
                    } catch (Exception e) {
                        next = java.util.Optional.empty();
                    }
                    requests.incrementAndGet();
                    if (next.isEmpty()) {
                        errors.incrementAndGet();
                        token = "";
                    } else {
                        token = next.get();
                    }
                }
                chains.set(chain, token);
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Files.write(file, chains);
        System.out.printf("%d %d %.2f %.1f%n", requests.get(), errors.get(), elapsed, requests.get() / elapsed);
    }

    private static java.util.Optional<String> refreshToken(HttpClient http, String base, String body)
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.err.println("HTTP " + response.statusCode() + ": " + response.body());
            return java.util.Optional.empty();
        }
        Matcher m = REFRESH_TOKEN.matcher(response.body());
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
