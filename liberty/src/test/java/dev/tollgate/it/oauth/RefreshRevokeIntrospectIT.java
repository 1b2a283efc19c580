package dev.tollgate.it.oauth;

import static dev.tollgate.it.oauth.OAuthCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.UserSubjects;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Refresh rotation with reuse detection and the grace period (2 s on the IT server), revocation (RFC 7009) and
 * introspection (RFC 7662), over real HTTP.
 */
class RefreshRevokeIntrospectIT {

    private static final String TOKEN = "/oauth2/token";
    private static final String REVOKE = "/oauth2/revoke";
    private static final String INTROSPECT = "/oauth2/introspect";

    private static Map<String, Object> login() {
        return assertTokenResponse(postJson(TOKEN, params("grant_type", "password", "client_id", GLOBAL,
                "username", ADMIN, "password", ADMIN_PASSWORD)));
    }

    private static HttpResponse<String> refresh(String refreshToken) {
        return postJson(TOKEN, params("grant_type", "refresh_token", "client_id", GLOBAL, "refresh_token",
                refreshToken));
    }

    private static Map<String, Object> introspect(String token) {
        HttpResponse<String> response = postForm(INTROSPECT, params("token", token), "Authorization",
                basic(SERVICE, SERVICE_SECRET));
        assertEquals(200, response.statusCode(), response.body());
        assertNoStore(response);
        return json(response);
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        String first = (String) login().get("refresh_token");

        Map<String, Object> second = assertTokenResponse(refresh(first));

        assertTrue(second.get("refresh_token") instanceof String);
        assertNotEquals(first, second.get("refresh_token"));
        assertTrue(((Number) second.get("refresh_expires_in")).longValue() > 0);
        assertTokenResponse(refresh((String) second.get("refresh_token")));
    }

    @Test
    void reuseAfterTheGracePeriodRevokesTheWholeFamily() throws Exception {
        String first = (String) login().get("refresh_token");
        String second = (String) assertTokenResponse(refresh(first)).get("refresh_token");
        Thread.sleep(2_500);

        assertError(refresh(first), 400, "invalid_grant");

        assertError(refresh(second), 400, "invalid_grant");
    }

    @Test
    void twoParallelRefreshesWithinTheGracePeriodBothSucceed() {
        String first = (String) login().get("refresh_token");

        CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> refresh(first));
        CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> refresh(first));

        Map<String, Object> one = assertTokenResponse(a.join());
        Map<String, Object> two = assertTokenResponse(b.join());
        assertNotEquals(one.get("refresh_token"), two.get("refresh_token"));
    }

    @Test
    void refreshTokenOfAnotherClientIsInvalidGrant() {
        String token = (String) login().get("refresh_token");

        assertError(postForm(TOKEN, params("grant_type", "refresh_token", "refresh_token", token),
                "Authorization", basic(APP, APP_SECRET)), 400, "invalid_grant");
        assertTokenResponse(refresh(token));
    }

    @Test
    void unknownRefreshTokenIsInvalidGrant() {
        assertError(refresh("no-such-refresh-token"), 400, "invalid_grant");
    }

    @Test
    void activeAccessTokenIntrospectsWithItsClaims() {
        Map<String, Object> tokens = login();

        Map<String, Object> answer = introspect((String) tokens.get("access_token"));

        assertEquals(true, answer.get("active"));
        assertEquals(UserSubjects.admin(), answer.get("sub")); // the opaque id, not the email
        assertEquals(GLOBAL, answer.get("client_id"));
        assertEquals("Bearer", answer.get("token_type"));
        assertTrue(answer.containsKey("exp") && answer.containsKey("iat") && answer.containsKey("jti")
                && answer.containsKey("iss") && answer.containsKey("aud") && answer.containsKey("scope"), answer::toString);
    }

    @Test
    void revokedAccessTokenIntrospectsInactive() {
        String access = (String) login().get("access_token");

        HttpResponse<String> revoked = postForm(REVOKE, params("token", access, "client_id", GLOBAL));

        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals("", revoked.body());
        assertEquals(Map.of("active", false), introspect(access));
    }

    @Test
    void revokedRefreshTokenRevokesItsFamily() {
        String first = (String) login().get("refresh_token");
        String second = (String) assertTokenResponse(refresh(first)).get("refresh_token");

        HttpResponse<String> revoked = postForm(REVOKE, params("token", first, "token_type_hint", "refresh_token",
                "client_id", GLOBAL));

        assertEquals(200, revoked.statusCode());
        assertError(refresh(second), 400, "invalid_grant");
    }

    @Test
    void revokingAnUnknownTokenIs200() {
        HttpResponse<String> response = postForm(REVOKE, params("token", "garbage.token.value"), "Authorization",
                basic(SERVICE, SERVICE_SECRET));

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void revokeWithoutTokenIsInvalidRequest() {
        assertError(postForm(REVOKE, params(), "Authorization", basic(SERVICE, SERVICE_SECRET)), 400,
                "invalid_request");
    }

    @Test
    void revokeWithAWrongSecretIsInvalidClient() {
        HttpResponse<String> response = postForm(REVOKE, params("token", "x"), "Authorization",
                basic(SERVICE, "wrong-secret-0123456789"));

        assertError(response, 401, "invalid_client");
        assertBasicChallenge(response);
    }

    @Test
    void introspectionIsInactiveAndNothingElseForGarbageExpiredOrUnknown() {
        for (String token : List.of("garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
            assertEquals(Map.of("active", false), introspect(token), token);
        }
    }

    @Test
    void introspectionNeedsAnAuthenticatedClient() {
        String access = (String) login().get("access_token");

        HttpResponse<String> anonymous = postForm(INTROSPECT, params("token", access));
        assertError(anonymous, 401, "invalid_client");
        HttpResponse<String> publicClient = postForm(INTROSPECT, params("token", access, "client_id", GLOBAL));
        assertError(publicClient, 401, "invalid_client");
        HttpResponse<String> wrong = postForm(INTROSPECT, params("token", access), "Authorization",
                basic(SERVICE, "wrong-secret-0123456789"));
        assertError(wrong, 401, "invalid_client");
        assertBasicChallenge(wrong);
    }
}
