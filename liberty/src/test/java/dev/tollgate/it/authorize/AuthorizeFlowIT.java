package dev.tollgate.it.authorize;

import static dev.tollgate.it.authorize.Browser.authorizeQuery;
import static dev.tollgate.it.authorize.Browser.hidden;
import static dev.tollgate.it.authorize.Browser.location;
import static dev.tollgate.it.authorize.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The authorization endpoint over real HTTP, with a cookie-keeping client: login, consent, the 303 to the client,
 * error pages versus error redirects, CSRF, throttling, headers and the JSON consent metadata.
 *
 * <p>Consent is remembered in the server's database across runs, so a test that must see the consent page uses a
 * scope set that no test ever allows ({@code profile email}).
 */
class AuthorizeFlowIT {

    static final String CLIENT_CB = "https://client.it.tollgate.dev/cb";

    @Test
    void authorizeWhenLoggedInAndAllowedThen303WithCodeStateIssAndConsentRemembered() {
        Browser browser = new Browser();
        String state = "state-" + System.nanoTime();
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?" + authorizeQuery("state", state,
                "scope", "openid read"));
        assertEquals(303, authorize.statusCode());
        assertTrue(location(authorize).contains("/oauth2/login?request_id="));
        assertNull(browser.cookie("tollgate_login"), "not logged in yet");
        HttpResponse<String> loginPage = browser.get(location(authorize));
        assertEquals(200, loginPage.statusCode());
        assertTrue(loginPage.body().contains("name=\"username\""));
        assertTrue(loginPage.body().contains("name=\"password\""));
        HttpResponse<String> afterLogin = browser.post("/oauth2/login", Map.of("username", Browser.USER,
                "password", Browser.PASSWORD, "csrf_token", hidden(loginPage.body(), "csrf_token"),
                "request_id", hidden(loginPage.body(), "request_id")));
        assertEquals(303, afterLogin.statusCode());
        assertNotNull(browser.cookie("tollgate_login"), "a fresh sealed login cookie at login");
        assertNotEquals(hidden(loginPage.body(), "csrf_token"), hidden(browser.get("/oauth2/login").body(),
                "csrf_token"), "the CSRF token changes at login");

        String next = location(afterLogin);
        if (next.contains("/oauth2/consent")) { // not remembered from an earlier run on this database
            HttpResponse<String> consent = browser.get(next);
            assertEquals(200, consent.statusCode());
            HttpResponse<String> allowed = browser.post("/oauth2/consent", Map.of("decision", "allow",
                    "csrf_token", hidden(consent.body(), "csrf_token"),
                    "request_id", hidden(consent.body(), "request_id")));
            assertEquals(303, allowed.statusCode());
            next = location(allowed);
        }
        assertTrue(next.startsWith(CLIENT_CB + "?"), next);
        Map<String, String> response = query(next);
        assertEquals(43, response.get("code").length());
        assertEquals(state, response.get("state"));
        assertEquals(LibertyServer.baseUrl(), response.get("iss"));

        // the same scope set again: remembered, straight back to the client
        HttpResponse<String> again = browser.get("/oauth2/authorize?" + authorizeQuery("state", "again",
                "scope", "read openid"));
        assertEquals(303, again.statusCode());
        assertTrue(location(again).startsWith(CLIENT_CB + "?code="), location(again));
        assertEquals("again", query(location(again)).get("state"));
        assertSecurityHeaders(again);
    }

    @Test
    void consentPageWhenShownThenNamesClientEscapedAndScopesInWords() {
        Browser browser = new Browser();
        HttpResponse<String> afterLogin = browser.startAndLogIn(authorizeQuery("scope", "profile email"));
        HttpResponse<String> consent = browser.get(location(afterLogin));
        assertEquals(200, consent.statusCode());
        assertTrue(consent.body().contains("IT &lt;b&gt;Web&lt;/b&gt; &amp; &quot;App&quot;"), consent.body());
        assertFalse(consent.body().contains("<b>Web</b>"));
        assertTrue(consent.body().contains("See your basic profile"));
        assertTrue(consent.body().contains("See your email address"));
        assertSecurityHeaders(consent);
        assertTrue(consent.headers().firstValue("Content-Security-Policy").orElseThrow()
                .contains("form-action 'self' https://client.it.tollgate.dev"));
    }

    @Test
    void consentWhenDeniedThen303AccessDeniedWithStateAndIss() {
        Browser browser = new Browser();
        HttpResponse<String> afterLogin = browser.startAndLogIn(authorizeQuery("scope", "profile email",
                "state", "deny-me"));
        HttpResponse<String> consent = browser.get(location(afterLogin));
        HttpResponse<String> denied = browser.post("/oauth2/consent", Map.of("decision", "deny",
                "csrf_token", hidden(consent.body(), "csrf_token"),
                "request_id", hidden(consent.body(), "request_id")));
        assertEquals(303, denied.statusCode());
        Map<String, String> response = query(location(denied));
        assertEquals("access_denied", response.get("error"));
        assertEquals("deny-me", response.get("state"));
        assertEquals(LibertyServer.baseUrl(), response.get("iss"));
        assertFalse(response.containsKey("code"));
    }

    @Test
    void consentWhenCsrfTokenMissingOrWrongThen403() {
        Browser browser = new Browser();
        HttpResponse<String> afterLogin = browser.startAndLogIn(authorizeQuery("scope", "profile email"));
        HttpResponse<String> consent = browser.get(location(afterLogin));
        String requestId = hidden(consent.body(), "request_id");
        assertEquals(403, browser.post("/oauth2/consent", Map.of("decision", "allow", "request_id", requestId))
                .statusCode());
        HttpResponse<String> wrong = browser.post("/oauth2/consent", Map.of("decision", "allow",
                "request_id", requestId, "csrf_token", "x".repeat(43)));
        assertEquals(403, wrong.statusCode());
        assertSecurityHeaders(wrong);
        assertTrue(wrong.headers().firstValue("Location").isEmpty());
    }

    @Test
    void loginWhenCsrfTokenMissingThen403() {
        Browser browser = new Browser();
        browser.get("/oauth2/login");
        HttpResponse<String> response = browser.post("/oauth2/login", Map.of("username", Browser.USER,
                "password", Browser.PASSWORD));
        assertEquals(403, response.statusCode());
    }

    @Test
    void loginWhenWrongPasswordThenFormAgainAndNotLoggedIn() {
        Browser browser = new Browser();
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?" + authorizeQuery());
        HttpResponse<String> loginPage = browser.get(location(authorize));
        HttpResponse<String> failed = browser.post("/oauth2/login", Map.of("username", "nobody-"
                + System.nanoTime() + "@it.tollgate.dev", "password", "wrong-password-1",
                "csrf_token", hidden(loginPage.body(), "csrf_token"),
                "request_id", hidden(loginPage.body(), "request_id")));
        assertEquals(200, failed.statusCode());
        assertTrue(failed.body().contains("id=\"error\""));
        assertFalse(failed.body().contains("wrong-password-1"));
        assertTrue(failed.body().contains("name=\"password\""));
        assertEquals(303, browser.get("/oauth2/authorize?" + authorizeQuery()).statusCode());
        assertTrue(location(browser.get("/oauth2/authorize?" + authorizeQuery())).contains("/oauth2/login"));
    }

    @Test
    void loginWhenFiveFailuresThenAccountLockedWith429() {
        Browser browser = new Browser();
        HttpResponse<String> loginPage = browser.get("/oauth2/login");
        String csrf = hidden(loginPage.body(), "csrf_token");
        String account = "locked-" + System.nanoTime() + "@it.tollgate.dev";
        for (int i = 0; i < 5; i++) {
            assertEquals(200, browser.post("/oauth2/login", Map.of("username", account,
                    "password", "wrong-password-" + i, "csrf_token", csrf)).statusCode());
        }
        HttpResponse<String> locked = browser.post("/oauth2/login", Map.of("username", account,
                "password", "wrong-password-x", "csrf_token", csrf));
        assertEquals(429, locked.statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "unknown client, client_id, nobody",
            "unregistered redirect, redirect_uri, https://evil.example.com/cb",
            "redirect prefix, redirect_uri, https://client.it.tollgate.dev/cb/more",
            "missing client, client_id, "})
    void authorizeWhenClientOrRedirectInvalidThenErrorPageNeverRedirect(String name, String parameter,
                                                                         String value) {
        HttpResponse<String> response = new Browser().get("/oauth2/authorize?" + authorizeQuery(parameter, value,
                "response_type", "token"));
        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertSecurityHeaders(response);
    }

    @Test
    void authorizeWhenRedirectUriOmittedAndTwoRegisteredThenErrorPage() {
        HttpResponse<String> response = new Browser().get("/oauth2/authorize?" + authorizeQuery("redirect_uri",
                null));
        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty());
    }

    @ParameterizedTest(name = "{1}={2} -> {0}")
    @CsvSource({
            "unsupported_response_type, response_type, token",
            "invalid_request, code_challenge_method, plain",
            "invalid_request, code_challenge, ",
            "invalid_scope, scope, openid admin",
            "unauthorized_client, client_id, it-authz-nocode"})
    void authorizeWhenRequestInvalidThen303ErrorToClientWithStateAndIss(String error, String parameter,
                                                                        String value) {
        HttpResponse<String> response = new Browser().get("/oauth2/authorize?" + authorizeQuery(parameter, value,
                "state", "s-1", "scope", parameter.equals("scope") ? value : "read"));
        assertEquals(303, response.statusCode());
        String location = location(response);
        assertTrue(location.startsWith(CLIENT_CB + "?"), location);
        Map<String, String> query = query(location);
        assertEquals(error, query.get("error"));
        assertEquals("s-1", query.get("state"));
        assertEquals(LibertyServer.baseUrl(), query.get("iss"));
        assertTrue(query.containsKey("error_description"));
    }

    @Test
    void authorizeWhenSkipConsentClientThenStraightToClientAfterLogin() {
        Browser browser = new Browser();
        HttpResponse<String> afterLogin = browser.startAndLogIn(authorizeQuery("client_id", "it-authz-trusted",
                "redirect_uri", "https://trusted.it.tollgate.dev/cb", "scope", "openid read", "state", "t"));
        assertEquals(303, afterLogin.statusCode());
        assertTrue(location(afterLogin).startsWith("https://trusted.it.tollgate.dev/cb?code="));
        assertEquals("t", query(location(afterLogin)).get("state"));
    }

    @Test
    void authorizeWithAcceptJsonWhenNotLoggedInThen401Problem() {
        HttpResponse<String> response = new Browser().get("/oauth2/authorize?" + authorizeQuery(),
                "Accept", "application/json");
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow()
                .startsWith("application/problem+json"));
    }

    @Test
    void authorizeWithAcceptJsonWhenConsentNeededThenMetadataAndJsonConsentDecision() {
        Browser browser = new Browser();
        browser.startAndLogIn(authorizeQuery("scope", "profile email"));
        HttpResponse<String> metadata = browser.get("/oauth2/authorize?" + authorizeQuery("scope", "email profile",
                "state", "js"), "Accept", "application/json");
        assertEquals(200, metadata.statusCode(), metadata.body());
        String body = metadata.body();
        assertTrue(body.contains("\"consent_required\":true"), body);
        assertTrue(body.contains("\"client_id\":\"it-authz-web\""), body);
        assertTrue(body.contains("\"scope\":\"email\""), body);
        assertTrue(body.contains("See your email address"), body);
        String requestId = jsonString(body, "request_id");
        String csrf = jsonString(body, "csrf_token");
        HttpResponse<String> denied = browser.postJson("/oauth2/consent", "{\"request_id\":\"" + requestId
                + "\",\"csrf_token\":\"" + csrf + "\",\"decision\":\"deny\"}");
        assertEquals(200, denied.statusCode(), denied.body());
        String redirect = jsonString(denied.body(), "redirect_to");
        assertEquals("access_denied", query(redirect).get("error"));
        assertEquals("js", query(redirect).get("state"));
    }

    @Test
    void authorizeWithAcceptJsonWhenConsentNotNeededThenRedirectWithCode() {
        Browser browser = new Browser();
        browser.startAndLogIn(authorizeQuery("client_id", "it-authz-trusted", "redirect_uri",
                "https://trusted.it.tollgate.dev/cb", "scope", "read"));
        HttpResponse<String> metadata = browser.get("/oauth2/authorize?" + authorizeQuery("client_id",
                "it-authz-trusted", "redirect_uri", "https://trusted.it.tollgate.dev/cb", "scope", "read"),
                "Accept", "application/json");
        assertEquals(200, metadata.statusCode(), metadata.body());
        assertTrue(metadata.body().contains("\"consent_required\":false"), metadata.body());
        assertTrue(query(jsonString(metadata.body(), "redirect_to")).get("code").length() == 43);
    }

    @Test
    void consentWhenRequestIdUnknownThenErrorPage() {
        Browser browser = new Browser();
        HttpResponse<String> response = browser.get("/oauth2/consent?request_id=made-up");
        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty());
    }

    static void assertSecurityHeaders(HttpResponse<?> response) {
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null));
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
    }

    static String jsonString(String json, String name) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return matcher.group(1).replace("\\u0026", "&").replace("\\/", "/");
    }
}
