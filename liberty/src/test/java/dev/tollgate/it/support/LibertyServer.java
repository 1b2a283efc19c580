package dev.tollgate.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The Liberty server that the build started for the integration tests, reached over real HTTP. */
public final class LibertyServer {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private LibertyServer() {
    }

    /** e.g. {@code http://localhost:9180}, from the failsafe configuration. */
    public static String baseUrl() {
        return System.getProperty("it.base.url", "http://localhost:9180");
    }

    public static URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The server folder (logs/, configuration). */
    public static Path serverDir() {
        return Path.of(System.getProperty("it.server.dir"));
    }

    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    /** A request to an absolute URL (e.g. an Arquillian deployment's), with header name/value pairs. */
    public static HttpRequest.Builder requestTo(String url, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** Everything the server has logged so far (messages.log, console.log and any trace). */
    public static String logs() {
        StringBuilder all = new StringBuilder();
        Path logs = serverDir().resolve("logs");
        try (var files = Files.list(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
