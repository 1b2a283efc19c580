package dev.tollgate.it.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost on restart: a refresh token and an access token issued before Liberty restarts still work after
 * it, on H2 and on PostgreSQL (the signing keys, refresh tokens and users live in the database; the key-encryption
 * key in the server's output folder).
 *
 * <p>Runs in its own failsafe execution after the rest of the suite (see liberty/pom.xml), because restarting the
 * server drops Arquillian's connection to it.
 */
class RestartIT {

    private static final String CLIENT = "it-app";
    private static final String SECRET = "it-app-secret-0123456789ab";

    @Test
    void tokensIssuedBeforeARestartStillWorkAfterIt() throws Exception {
        Map<String, Object> before = passwordGrant();
        String accessToken = (String) before.get("access_token");
        String refreshToken = (String) before.get("refresh_token");
        assertEquals(200, me(accessToken).statusCode());

        restartServer();

        HttpResponse<String> me = me(accessToken);
        assertEquals(200, me.statusCode(), "the access token still verifies: " + me.body());
        String kid = JWSObject.parse(accessToken).getHeader().getKeyID();
        assertTrue(LibertyServer.get("/oauth2/jwks").body().contains(kid), "its key is still published");
        HttpResponse<String> refreshed = token("grant_type=refresh_token&refresh_token=" + refreshToken);
        assertEquals(200, refreshed.statusCode(), "the refresh token still works: " + refreshed.body());
        assertNotEquals(refreshToken, Problems.json(refreshed).get("refresh_token"), "and rotates");
    }

    private static Map<String, Object> passwordGrant() {
        HttpResponse<String> response = token("grant_type=password&username=admin%40it.tollgate.dev"
                + "&password=it-admin-password-1&scope=read");
        assertEquals(200, response.statusCode(), response.body());
        return Problems.json(response);
    }

    private static HttpResponse<String> token(String form) {
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        return LibertyServer.send(LibertyServer.request("/oauth2/token")
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static HttpResponse<String> me(String accessToken) {
        return LibertyServer.get("/api/me", "Authorization", "Bearer " + accessToken);
    }

    /** {@code server stop} then {@code server start}, as an operator would, then waits for the application. */
    private static void restartServer() throws IOException, InterruptedException {
        serverCommand("stop");
        serverCommand("start");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (LibertyServer.get("/api/status").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // connection refused while the server starts
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server did not come back within 120 s");
    }

    private static void serverCommand(String action) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("wlp.home"), "bin", "server");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), action, System.getProperty("it.server"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("WLP_USER_DIR", System.getProperty("wlp.usr"));
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server " + action + " did not finish");
        }
        assertEquals(0, process.exitValue(), "server " + action + " failed");
    }
}
