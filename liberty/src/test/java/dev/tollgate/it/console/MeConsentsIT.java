package dev.tollgate.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/me/consents} over real HTTP: a user who allowed an application on the consent page sees it, revokes it
 * (the consent is forgotten, the refresh token and its access token stop), and every error is a problem with its
 * status, headers and body.
 */
class MeConsentsIT {

    static final String CONSENTS = "/api/me/consents";
    static final String WEB_APP = "it-authz-web";
    static final String REDIRECT = "https://client.it.tollgate.dev/cb";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void consentsWhenAllowedThenListedAndRevokeEndsConsentAndTokens() throws Exception {
        ConsoleUsers.TestUser user = ConsoleUsers.create("consents");
        assertEquals(List.of(), items(get(CONSENTS, user.headers())));

        Map<String, Object> tokens = authorizeAndExchange(user);
        HttpResponse<String> listed = get(CONSENTS, user.headers());
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals("no-store", listed.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(listed.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        List<Map<String, Object>> items = items(listed);
        assertEquals(1, items.size(), listed.body());
        Map<String, Object> app = items.get(0);
        assertEquals(WEB_APP, app.get("client_id"));
        assertEquals("IT <b>Web</b> & \"App\"", app.get("client_name"));
        assertEquals(List.of("openid read"), app.get("scopes"));
        long grantedAt = ((Number) app.get("granted_at")).longValue();
        assertTrue(Math.abs(grantedAt - Instant.now().getEpochSecond()) < 600, "granted_at is epoch seconds");

        // The same list through a Bearer token of the user (the console's credential).
        String bearer = (String) tokens.get("access_token");
        assertEquals(1, items(get(CONSENTS, "Authorization", "Bearer " + bearer)).size());

        HttpResponse<String> revoked = send("DELETE", CONSENTS + "/" + WEB_APP, user.headers());
        assertEquals(204, revoked.statusCode(), revoked.body());
        assertEquals("", revoked.body());
        assertEquals(List.of(), items(get(CONSENTS, user.headers())));

        // The refresh token of that consent is revoked, and its access token is refused within the bound.
        HttpResponse<String> refresh = token("grant_type=refresh_token&client_id=" + WEB_APP + "&refresh_token="
                + Registrations.enc((String) tokens.get("refresh_token")));
        Registrations.assertOAuthError(refresh, 400, "invalid_grant");
        HttpResponse<String> me = until(() -> get("/api/me", "Authorization", "Bearer " + bearer), 401,
                Duration.ofSeconds(15));
        Problems.assertProblem(me, ProblemType.TOKEN_REVOKED);
        assertEquals("true", me.headers().firstValue("X-API-Revoked").orElse(""));

        // Nothing left to revoke: 404.
        Problems.assertProblem(send("DELETE", CONSENTS + "/" + WEB_APP, user.headers()), ProblemType.NOT_FOUND);
    }

    @Test
    void consentsWhenRequestIsWrongThenProblems() {
        ConsoleUsers.TestUser user = ConsoleUsers.create("consents-errors");

        HttpResponse<String> anonymous = get(CONSENTS);
        Problems.assertProblem(anonymous, ProblemType.MISSING_CREDENTIALS);
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="),
                anonymous.headers().map().toString());
        Problems.assertProblem(send("DELETE", CONSENTS + "/" + WEB_APP), ProblemType.MISSING_CREDENTIALS);

        HttpResponse<String> wrongPassword = get(CONSENTS, "X-API-Email", user.email(), "X-API-Password",
                "not-the-password");
        Problems.assertProblem(wrongPassword, ProblemType.INVALID_CREDENTIALS);

        String clientToken = Registrations.clientToken("it-service", "it-service-secret-0123456789", "read");
        HttpResponse<String> client = get(CONSENTS, "Authorization", "Bearer " + clientToken);
        Problems.assertProblem(client, ProblemType.INSUFFICIENT_ROLE);
        Problems.assertProblem(send("DELETE", CONSENTS + "/" + WEB_APP, "Authorization", "Bearer " + clientToken),
                ProblemType.INSUFFICIENT_ROLE);

        // A client the user never authorized, an unknown one, and an id that is no client id: 404 alike.
        Problems.assertProblem(send("DELETE", CONSENTS + "/it-service", user.headers()), ProblemType.NOT_FOUND);
        Problems.assertProblem(send("DELETE", CONSENTS + "/no-such-client", user.headers()), ProblemType.NOT_FOUND);
        Problems.assertProblem(send("DELETE", CONSENTS + "/%20", user.headers()), ProblemType.NOT_FOUND);

        HttpResponse<String> post = send("POST", CONSENTS, user.headers());
        assertEquals(405, post.statusCode(), post.body());
        assertTrue(post.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    /** Logs the user in on the authorization endpoint, allows the consent, and exchanges the code. */
    private static Map<String, Object> authorizeAndExchange(ConsoleUsers.TestUser user) {
        Browser browser = new Browser();
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=" + WEB_APP
                + "&redirect_uri=" + Registrations.enc(REDIRECT) + "&scope=openid%20read&state=s1"
                + "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256");
        HttpResponse<String> loginPage = browser.get(Browser.location(authorize));
        HttpResponse<String> login = browser.post("/oauth2/login", Map.of("username", user.email(),
                "password", user.password(), "csrf_token", Browser.hidden(loginPage.body(), "csrf_token"),
                "request_id", Browser.hidden(loginPage.body(), "request_id")));
        assertEquals(303, login.statusCode(), login.body());
        HttpResponse<String> consentPage = browser.get(Browser.location(login));
        assertEquals(200, consentPage.statusCode(), consentPage.body());
        HttpResponse<String> allowed = browser.post("/oauth2/consent", Map.of("decision", "allow",
                "csrf_token", Browser.hidden(consentPage.body(), "csrf_token"),
                "request_id", Browser.hidden(consentPage.body(), "request_id")));
        assertEquals(303, allowed.statusCode(), allowed.body());
        String code = Browser.query(Browser.location(allowed)).get("code");
        HttpResponse<String> token = token("grant_type=authorization_code&client_id=" + WEB_APP + "&code=" + code
                + "&redirect_uri=" + Registrations.enc(REDIRECT) + "&code_verifier=" + VERIFIER);
        assertEquals(200, token.statusCode(), token.body());
        Map<String, Object> tokens = Registrations.json(token);
        assertTrue(tokens.get("refresh_token") instanceof String, token.body());
        return tokens;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return (List<Map<String, Object>>) Registrations.json(response).get("items");
    }

    private static HttpResponse<String> token(String form) {
        return LibertyServer.send(LibertyServer.request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, headers);
    }

    static HttpResponse<String> send(String method, String path, String... headers) {
        return Registrations.send(method, path, null, headers);
    }

    /** Repeats the request until its status is {@code status} or {@code within} passes: a bounded effect. */
    static HttpResponse<String> until(java.util.function.Supplier<HttpResponse<String>> request, int status,
                                      Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        HttpResponse<String> response = request.get();
        while (response.statusCode() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            response = request.get();
        }
        assertFalse(response.body().contains("\tat "), "no stack trace");
        return response;
    }
}
