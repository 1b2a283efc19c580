package dev.tollgate.it.oauth;

import static dev.tollgate.it.oauth.OAuthCalls.APP;
import static dev.tollgate.it.oauth.OAuthCalls.APP_SECRET;
import static dev.tollgate.it.oauth.OAuthCalls.SERVICE;
import static dev.tollgate.it.oauth.OAuthCalls.SERVICE_SECRET;
import static dev.tollgate.it.oauth.OAuthCalls.assertNoStore;
import static dev.tollgate.it.oauth.OAuthCalls.assertTokenResponse;
import static dev.tollgate.it.oauth.OAuthCalls.basic;
import static dev.tollgate.it.oauth.OAuthCalls.json;
import static dev.tollgate.it.oauth.OAuthCalls.params;
import static dev.tollgate.it.oauth.OAuthCalls.postForm;
import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One answer for one token, wherever it is asked: introspection (RFC 7662) calls inactive, and userinfo refuses, what
 * the server's gate refuses, because all three ask the same revocation checker. A deleted client's or a disabled user's access token is
 * {@code {"active":false}}, not active until its {@code exp}.
 */
class IntrospectionAgreesWithTheGateIT {

    private static final String CC = "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}";

    private static Map<String, Object> introspect(String token, String clientId, String secret) {
        HttpResponse<String> response = postForm("/oauth2/introspect", params("token", token), "Authorization",
                basic(clientId, secret));
        assertEquals(200, response.statusCode(), response.body());
        assertNoStore(response);
        return json(response);
    }

    private static HttpResponse<String> me(String accessToken) {
        return LibertyServer.get("/api/me", "Authorization", "Bearer " + accessToken);
    }

    /** Both refuse the token, each within the revocation bound (5 s; at once on the node that made the change). */
    private static void assertInactiveAndRefused(String accessToken) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        HttpResponse<String> refused = me(accessToken);
        while (refused.statusCode() == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            refused = me(accessToken);
        }
        Problems.assertProblem(refused, ProblemType.TOKEN_REVOKED);
        assertEquals("true", refused.headers().firstValue("X-API-Revoked").orElse(null));
        assertEquals(Map.of("active", false), introspect(accessToken, SERVICE, SERVICE_SECRET));
        HttpResponse<String> userInfo = LibertyServer.get("/oauth2/userinfo", "Authorization",
                "Bearer " + accessToken);
        assertEquals(401, userInfo.statusCode(), userInfo.body());
        assertTrue(userInfo.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                () -> "WWW-Authenticate: " + userInfo.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void afterTheClientIsDeletedItsAccessTokenIsInactive() throws Exception {
        Map<String, Object> created = Registrations.registered(CC);
        String token = Registrations.clientToken((String) created.get("client_id"),
                (String) created.get("client_secret"), "read");
        assertEquals(true, introspect(token, SERVICE, SERVICE_SECRET).get("active"));
        assertEquals(200, me(token).statusCode());

        HttpResponse<String> deleted = Registrations.send("DELETE", Registrations.path(created), null,
                "Authorization", Registrations.bearer(created));

        assertEquals(204, deleted.statusCode(), deleted.body());
        assertInactiveAndRefused(token);
    }

    @Test
    void afterTheUserIsDisabledTheirAccessAndRefreshTokensAreInactive() throws Exception {
        String email = "introspected-" + UUID.randomUUID().toString().substring(0, 8) + "@it.tollgate.dev";
        String password = "pw-" + UUID.randomUUID();
        HttpResponse<String> created = Registrations.send("POST", "/api/admin/users", "{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\",\"roles\":[]}", ADMIN_HEADERS);
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> tokens = assertTokenResponse(postForm("/oauth2/token", params("grant_type", "password",
                "scope", "read", "username", email, "password", password), "Authorization", basic(APP, APP_SECRET)));
        String access = (String) tokens.get("access_token");
        assertEquals(true, introspect(access, SERVICE, SERVICE_SECRET).get("active"));

        HttpResponse<String> disabled = Registrations.send("POST", "/api/admin/users/" + json(created).get("id")
                + "/disable", null, ADMIN_HEADERS);

        assertEquals(200, disabled.statusCode(), disabled.body());
        assertInactiveAndRefused(access);
        assertEquals(Map.of("active", false), introspect((String) tokens.get("refresh_token"), APP, APP_SECRET));
    }
}
