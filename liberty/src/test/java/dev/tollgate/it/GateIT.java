package dev.tollgate.it;

import static dev.tollgate.it.support.LibertyServer.get;
import static dev.tollgate.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.testing.HostileToken;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gate in front of the demo API, in a real Liberty over real HTTP. The server trusts the test issuer's public
 * keys (profile-it.xml); tokens are minted here with the private halves.
 */
class GateIT {

    private static final String REALM = "Bearer realm=\"tollgate\"";

    @ParameterizedTest
    @EnumSource(value = HostileToken.class, mode = EnumSource.Mode.EXCLUDE, names = "BAD_TYPE")
    void hostileTokenIsRefusedWithItsOwnProblemType(HostileToken hostile) {
        String token = hostile.token();

        HttpResponse<String> response = get("/api/me", "Authorization", "Bearer " + token);

        assertProblem(response, hostile.problem());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith(REALM), challenge);
        assertTrue(challenge.contains("error=\"invalid_token\""), challenge);
        assertTrue(challenge.contains("error_description=\""), challenge);
        assertEquals(hostile.expiredHeader(), response.headers().firstValue("X-API-Expired").isPresent());
        if (hostile.expiredHeader()) {
            assertEquals("true", response.headers().firstValue("X-API-Expired").orElseThrow());
        }
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertFalse(response.body().contains(token.length() > 40 ? token.substring(0, 40) : token),
                "the body must not echo the token");
    }

    @Test
    void validTokenReachesTheApplicationAsTheCaller() {
        String token = TestTokens.token().subject("alice").scope("read reports:read").roles("auditor").sign();

        HttpResponse<String> response = get("/api/me", "Authorization", "Bearer " + token);

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> me = dev.tollgate.it.support.Problems.json(response);
        assertEquals("alice", me.get("subject"));
        assertEquals("JWT", me.get("credential_kind"));
        assertTrue(String.valueOf(me.get("roles")).contains("auditor"), response.body());
    }

    @Test
    void lowerCaseBearerSchemeIsAccepted() {
        String token = TestTokens.valid("bob", "read");

        HttpResponse<String> response = get("/api/me", "Authorization", "bearer " + token);

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void esAndPsAndEdDsaTokensAreAccepted() {
        for (String kid : List.of("test-ec-1", "test-ps-1", "test-ed-1")) {
            String token = TestTokens.token().key(kid).subject("kid-" + kid).sign();

            HttpResponse<String> response = get("/api/me", "Authorization", "Bearer " + token);

            assertEquals(200, response.statusCode(), kid + ": " + response.body());
        }
    }

    @Test
    void requestWithoutCredentialsGetsAChallengeWithoutErrorCode() {
        HttpResponse<String> response = get("/api/me");

        assertProblem(response, ProblemType.MISSING_CREDENTIALS);
        List<String> challenges = response.headers().allValues("WWW-Authenticate");
        assertTrue(challenges.contains(REALM), challenges::toString);
        assertTrue(challenges.stream().noneMatch(c -> c.contains("error=")), challenges::toString);
    }

    @Test
    void corsPreflightPassesWithoutCredentialsButPlainOptionsIsGated() {
        HttpResponse<String> preflight = LibertyServer.send(LibertyServer.request("/api/me")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://spa.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build());

        assertTrue(preflight.statusCode() < 300, preflight.statusCode() + " " + preflight.body());
        assertFalse(preflight.body().contains("subject"), "no caller data: " + preflight.body());
        assertProblem(LibertyServer.send(LibertyServer.request("/api/me")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build()), ProblemType.MISSING_CREDENTIALS);
    }

    @Test
    void twoAuthorizationHeadersAreAMalformedRequest() {
        String token = TestTokens.valid("alice", "read");

        HttpResponse<String> response = get("/api/me",
                "Authorization", "Bearer " + token, "Authorization", "Bearer " + token);

        assertMalformed(response);
    }

    @Test
    void emptyBearerTokenIsAMalformedRequest() {
        assertMalformed(get("/api/me", "Authorization", "Bearer "));
    }

    @Test
    void bearerTokenAndPlainHeadersAtOnceAreAMalformedRequest() {
        String token = TestTokens.valid("alice", "read");

        HttpResponse<String> response = get("/api/me", "Authorization", "Bearer " + token,
                "X-API-Email", "alice@example.com", "X-API-Password", "secret-password");

        assertMalformed(response);
    }

    @Test
    void callerWithoutTheRequiredScopeIsForbidden() {
        String token = TestTokens.valid("alice", "read");

        HttpResponse<String> response = get("/api/reports", "Authorization", "Bearer " + token);

        assertProblem(response, ProblemType.INSUFFICIENT_SCOPE);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith(REALM), challenge);
        assertTrue(challenge.contains("error=\"insufficient_scope\""), challenge);
        assertTrue(challenge.contains("scope=\"reports:read\""), challenge);
    }

    @Test
    void callerWithTheRequiredScopeIsAdmitted() {
        String token = TestTokens.valid("alice", "read reports:read");

        assertEquals(200, get("/api/reports", "Authorization", "Bearer " + token).statusCode());
    }

    @Test
    void callerWithoutTheRequiredRoleIsForbidden() {
        String token = TestTokens.token().subject("alice").roles("user").sign();

        HttpResponse<String> response = get("/api/admin/stats", "Authorization", "Bearer " + token);

        assertProblem(response, ProblemType.INSUFFICIENT_ROLE);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.contains("error=\"insufficient_scope\""), challenge);
    }

    @Test
    void callerWithTheRequiredRoleIsAdmitted() {
        String token = TestTokens.token().subject("root").roles("admin").sign();

        HttpResponse<String> response = get("/api/admin/stats", "Authorization", "Bearer " + token);

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void wrongPlainHeaderCredentialsGetBothChallenges() {
        HttpResponse<String> response = get("/api/me",
                "X-API-Email", "nobody-" + System.nanoTime() + "@example.com", "X-API-Password", "wrong-password");

        assertProblem(response, ProblemType.INVALID_CREDENTIALS);
        List<String> challenges = response.headers().allValues("WWW-Authenticate");
        assertTrue(challenges.contains(REALM), challenges::toString);
        assertTrue(challenges.stream().anyMatch(c -> c.startsWith("X-API-Headers")), challenges::toString);
    }

    @Test
    void publicEndpointNeedsNoCredentials() {
        assertEquals(200, get("/api/status").statusCode());
    }

    private static void assertMalformed(HttpResponse<String> response) {
        assertProblem(response, ProblemType.MALFORMED_REQUEST);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith(REALM), challenge);
        assertTrue(challenge.contains("error=\"invalid_request\""), challenge);
    }
}
