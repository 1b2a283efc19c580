package dev.tollgate.it.oauth;

import static dev.tollgate.it.oauth.OAuthCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.UserSubjects;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET}/{@code POST /oauth2/userinfo} (OpenID Connect Core §5.3) for a user and for a service client. */
class UserInfoIT {

    private static String userToken() {
        return (String) assertTokenResponse(postForm("/oauth2/token", params("grant_type", "password",
                "username", ADMIN, "password", ADMIN_PASSWORD, "scope", "read"), "Authorization",
                basic(APP, APP_SECRET))).get("access_token");
    }

    private static String serviceToken() {
        return (String) assertTokenResponse(postForm("/oauth2/token", params("grant_type", "client_credentials"),
                "Authorization", basic(SERVICE, SERVICE_SECRET))).get("access_token");
    }

    private static HttpResponse<String> getUserInfo(String... headers) {
        return LibertyServer.get("/oauth2/userinfo", headers);
    }

    private static Map<String, Object> assertClaims(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        return json(response);
    }

    /** RFC 6750 §3: every 401 of a Bearer-protected resource challenges with Bearer. */
    private static void assertBearerChallenge(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                () -> "WWW-Authenticate: " + response.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void userInfoWhenUsersTokenWithScopeReadThenTheOpaqueSubjectAlone() {
        Map<String, Object> claims = assertClaims(getUserInfo("Authorization", "Bearer " + userToken()));

        // Before issue 11: sub, email, email_verified and roles for any token. Now OpenID Connect Core 1.0 §5.4.
        assertEquals(Map.of("sub", UserSubjects.admin()), claims);
    }

    @Test
    void userInfoWhenScopesEmailAndProfileThenEmailUnverifiedAndRoles() {
        String token = (String) assertTokenResponse(postForm("/oauth2/token", params("grant_type", "password",
                "username", ADMIN, "password", ADMIN_PASSWORD, "scope", "read email profile"), "Authorization",
                basic(APP, APP_SECRET))).get("access_token");

        Map<String, Object> claims = assertClaims(getUserInfo("Authorization", "Bearer " + token));

        assertEquals(UserSubjects.admin(), claims.get("sub"));
        assertEquals(ADMIN, claims.get("email"));
        assertEquals(false, claims.get("email_verified"));
        assertEquals(List.of("admin"), claims.get("roles"));
    }

    @Test
    void userInfoWhenServiceClientsTokenThenClientIdAndName() {
        Map<String, Object> claims = assertClaims(getUserInfo("Authorization", "Bearer " + serviceToken()));

        assertEquals(SERVICE, claims.get("sub"));
        assertEquals(SERVICE, claims.get("client_id"));
        assertEquals("IT service", claims.get("name"));
    }

    @Test
    void userInfoWhenPostThenSameClaims() {
        String token = userToken();
        HttpResponse<String> response = LibertyServer.send(LibertyServer.request("/oauth2/userinfo")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build());

        assertEquals(UserSubjects.admin(), assertClaims(response).get("sub"));
    }

    @Test
    void userInfoWhenNoTokenThenBearerChallenge() {
        assertBearerChallenge(getUserInfo());
    }

    @Test
    void userInfoWhenTokenForgedOrRevokedThenInvalidToken() {
        String token = serviceToken();
        HttpResponse<String> forged = getUserInfo("Authorization", "Bearer " + token.substring(0,
                token.length() - 4) + "AAAA");
        assertBearerChallenge(forged);
        assertTrue(forged.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));

        assertEquals(200, postForm("/oauth2/revoke", params("token", token), "Authorization",
                basic(SERVICE, SERVICE_SECRET)).statusCode());
        assertBearerChallenge(getUserInfo("Authorization", "Bearer " + token));
    }

    @Test
    void discoveryNamesTheUserInfoEndpoint() {
        String expected = LibertyServer.baseUrl() + "/oauth2/userinfo";
        assertEquals(expected, json(LibertyServer.get("/.well-known/openid-configuration")).get("userinfo_endpoint"));
        assertEquals(expected, json(LibertyServer.get("/.well-known/oauth-authorization-server"))
                .get("userinfo_endpoint"));
    }
}
