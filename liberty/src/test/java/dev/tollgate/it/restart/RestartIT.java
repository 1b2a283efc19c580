package dev.tollgate.it.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import dev.tollgate.it.support.ServerRestart;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
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

        ServerRestart.restart();

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
}
