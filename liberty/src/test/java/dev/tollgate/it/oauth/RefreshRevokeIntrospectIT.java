package dev.tollgate.it.oauth;

import static dev.tollgate.it.oauth.OAuthCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import dev.tollgate.it.support.UserSubjects;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Refresh rotation with reuse detection and the grace period (2 s on the IT server), at most one live successor
 * (RFC 9700 §4.14.2), revocation (RFC 7009) with the access tokens of the same grant, and introspection (RFC 7662),
 * over real HTTP.
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

    /** The confidential app's password grant: it may introspect its own refresh tokens. */
    private static Map<String, Object> appLogin() {
        return assertTokenResponse(postForm(TOKEN, params("grant_type", "password", "username", ADMIN, "password",
                ADMIN_PASSWORD), "Authorization", basic(APP, APP_SECRET)));
    }

    private static HttpResponse<String> appRefresh(String refreshToken) {
        return postForm(TOKEN, params("grant_type", "refresh_token", "refresh_token", refreshToken),
                "Authorization", basic(APP, APP_SECRET));
    }

    private static Map<String, Object> introspectAsApp(String refreshToken) {
        HttpResponse<String> response = postForm(INTROSPECT, params("token", refreshToken), "Authorization",
                basic(APP, APP_SECRET));
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /**
     * The gate of this server answers 401 token-revoked, with X-API-Revoked, within the revocation bound
     * ({@code tollgate.server.revocation-cache}, 5 s; the node that served a revocation request sees it at once).
     */
    private static void assertRefusedByTheGate(String accessToken) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        HttpResponse<String> refused = LibertyServer.get("/api/me", "Authorization", "Bearer " + accessToken);
        while (refused.statusCode() == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            refused = LibertyServer.get("/api/me", "Authorization", "Bearer " + accessToken);
        }
        Problems.assertProblem(refused, ProblemType.TOKEN_REVOKED);
        assertEquals("true", refused.headers().firstValue("X-API-Revoked").orElse(null));
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "));
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
    void twoParallelRefreshesWithinTheGracePeriodBothSucceedAndOneSuccessorStaysLive() {
        String first = (String) appLogin().get("refresh_token");

        CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> appRefresh(first));
        CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> appRefresh(first));

        Map<String, Object> one = assertTokenResponse(a.join());
        Map<String, Object> two = assertTokenResponse(b.join());
        assertNotEquals(one.get("refresh_token"), two.get("refresh_token"));
        long live = Stream.of(one, two).filter(tokens -> Boolean.TRUE.equals(introspectAsApp(
                (String) tokens.get("refresh_token")).get("active"))).count();
        assertEquals(1, live, "at most one live successor (RFC 9700 §4.14.2)");
    }

    @Test
    void fiveUsesWithinTheGracePeriodLeaveOneBranchAndALaterUseOfADeadBranchRevokesTheFamily() throws Exception {
        String first = (String) appLogin().get("refresh_token");
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(assertTokenResponse(appRefresh(first)));
        }
        Map<String, Object> live = answers.get(4);
        assertEquals(5, answers.stream().map(tokens -> tokens.get("refresh_token")).distinct().count());
        for (Map<String, Object> dead : answers.subList(0, 4)) {
            assertEquals(Map.of("active", false), introspectAsApp((String) dead.get("refresh_token")));
            assertEquals(Map.of("active", false), introspect((String) dead.get("access_token")),
                    "a dead branch's access token dies with it");
        }
        assertEquals(true, introspectAsApp((String) live.get("refresh_token")).get("active"));
        Thread.sleep(2_500); // past the IT server's grace period (2 s)

        assertError(appRefresh((String) answers.get(0).get("refresh_token")), 400, "invalid_grant");

        // The reuse revoked the whole family: the live branch too, with its access token, at the gate as well.
        assertError(appRefresh((String) live.get("refresh_token")), 400, "invalid_grant");
        assertEquals(Map.of("active", false), introspect((String) live.get("access_token")));
        assertRefusedByTheGate((String) live.get("access_token"));
    }

    @Test
    void revokingARefreshTokenMakesTheAccessTokensOfTheSameGrantInactiveAndRefusedByTheGate() throws Exception {
        Map<String, Object> login = login();
        Map<String, Object> refreshed = assertTokenResponse(refresh((String) login.get("refresh_token")));
        String access = (String) refreshed.get("access_token");
        assertEquals(200, LibertyServer.get("/api/me", "Authorization", "Bearer " + access).statusCode());

        HttpResponse<String> revoked = postForm(REVOKE, params("token", (String) refreshed.get("refresh_token"),
                "token_type_hint", "refresh_token", "client_id", GLOBAL));

        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals("", revoked.body());
        // RFC 7009 §2.1: every access token of the grant, issued with any refresh token of its family.
        for (Map<String, Object> tokens : List.of(login, refreshed)) {
            assertEquals(Map.of("active", false), introspect((String) tokens.get("access_token")));
            assertRefusedByTheGate((String) tokens.get("access_token"));
        }
    }

    @Test
    void revokingAnotherClientsTokenIsInvalidGrantAndRevokesNothing() {
        Map<String, Object> tokens = login();
        String access = (String) tokens.get("access_token");
        String refreshToken = (String) tokens.get("refresh_token");

        // RFC 7009 §2.1: "the request is refused and the client is informed of the error" (RFC 6749 §5.2).
        Map<String, Object> accessError = assertError(postForm(REVOKE, params("token", access), "Authorization",
                basic(APP, APP_SECRET)), 400, "invalid_grant");
        Map<String, Object> refreshError = assertError(postForm(REVOKE, params("token", refreshToken,
                "token_type_hint", "refresh_token"), "Authorization", basic(APP, APP_SECRET)), 400, "invalid_grant");

        assertTrue(accessError.get("error_description") instanceof String);
        assertTrue(refreshError.get("error_description") instanceof String);
        assertEquals(true, introspect(access).get("active"));
        assertEquals(200, LibertyServer.get("/api/me", "Authorization", "Bearer " + access).statusCode());
        assertTokenResponse(refresh(refreshToken));
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
