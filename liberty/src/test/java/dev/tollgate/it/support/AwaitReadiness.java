package dev.tollgate.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Holds the integration tests back until the server under test is ready ({@code /health/ready} answers 200): Liberty
 * reports the server started before a slow (loaded) machine has finished starting the WAR, and a test that runs
 * then sees 404s. Registered through {@code META-INF/services}, so it runs once per test JVM; it does nothing in a
 * run that has no server ({@code it.base.url} unset, e.g. the foreign suite).
 */
public final class AwaitReadiness implements LauncherSessionListener {

    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String base = System.getProperty("it.base.url");
        if (base == null) {
            return;
        }
        try {
            untilReady(base, PATIENCE, () -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks {@code base}/health/ready every 500 ms until it answers 200. {@code beforeEachTry} runs before every
     * request and may throw to give up at once (the server's process has died, say).
     *
     * @throws IllegalStateException when the server is not ready within {@code patience}
     */
    public static void untilReady(String base, Duration patience, Runnable beforeEachTry)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(patience);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            beforeEachTry.run();
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(base + " was not ready within " + patience + ": " + last);
    }
}
