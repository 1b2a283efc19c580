package dev.tollgate.it.outage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Liberty server {@code tollgate-outage} that the build created and deployed (liberty/pom.xml, on the private
 * PostgreSQL), started and stopped by the test itself with Liberty's {@code server} script, over real HTTP.
 */
final class OutageServer implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String name;
    private final int port;

    OutageServer(String name, int port) {
        this.name = name;
        this.port = port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** The status of a GET, or -1 while nothing listens. */
    int status(String path) {
        try {
            return get(path).statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    /** {@code server start}, then waits until the application answers (not until it is ready). */
    void start() {
        command("start");
        await(() -> status("/api/status") == 200, Duration.ofSeconds(180), "the application to answer");
    }

    void stop() {
        command("stop");
    }

    boolean running() {
        return status("/api/status") > 0;
    }

    /** messages.log since the last start (Liberty moves the old one aside at each start). */
    String log() {
        Path file = serverDir().resolve("logs/messages.log");
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path serverDir() {
        return Path.of(System.getProperty("wlp.usr"), "servers", name);
    }

    @Override
    public void close() {
        try {
            command("stop");
        } catch (RuntimeException | AssertionError e) {
            System.err.println("could not stop " + name + ": " + e);
        }
    }

    static void await(java.util.function.BooleanSupplier condition, Duration patience, String what) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(250);
        }
        throw new AssertionError("waited " + patience.toSeconds() + " s for " + what);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void command(String action) {
        Path script = Path.of(System.getProperty("wlp.home"), "bin", "server");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), action, name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Path.of(System.getProperty("wlp.usr")).resolve(name + "-commands.log").toFile()));
        builder.environment().put("WLP_USER_DIR", System.getProperty("wlp.usr"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process process = builder.start();
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("server " + action + " " + name + " did not finish");
            }
            int exit = process.exitValue();
            // server stop of a stopped server exits 1; start of a started one, 1 as well.
            if (exit != 0 && !(exit == 1 && action.equals("stop"))) {
                throw new AssertionError("server " + action + " " + name + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
