package dev.tollgate.it.authorize;

import static dev.tollgate.it.authorize.Browser.authorizeQuery;
import static dev.tollgate.it.authorize.Browser.hidden;
import static dev.tollgate.it.authorize.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.authorize.AuthorizationRequest;
import dev.tollgate.impl.server.authorize.FlowSeals;
import dev.tollgate.impl.server.authorize.Scopes;
import dev.tollgate.impl.server.key.KeyEncryptionKey;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.RawHttp;
import dev.tollgate.it.support.ServerLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: the authorization flow survives any request landing on any node. Every request here is a fresh TCP
 * connection that carries only the cookies the server set ({@link StatelessBrowser}), never a {@code JSESSIONID}
 * (one in any response fails the test): what one step needs of an earlier one travels with the browser, sealed.
 * Nothing depends on the node either, so the same tests pass through a load balancer in front of several nodes on one
 * database.
 *
 * <p>Each test signs in as a user of its own (made through the admin API), so consent is never remembered from an
 * earlier test or run. The expired cases seal values under the server's key-encryption key: the system property
 * {@code it.encryption-key} when the servers are given one (a cluster), else the key the IT server generated in the
 * home folder of the account that runs it (see {@code KeyEncryptionKeyLocationIT}).
 */
class FlowOnAnyNodeIT {

    private static final String CB = AuthorizeFlowIT.CLIENT_CB;
    private static final String SCOPE = "openid profile email";

    /** A user of the test's own: {@code {id, email, password}}. */
    record User(String id, String email, String password) {
    }

    static User newUser() {
        String email = "flow-" + UUID.randomUUID().toString().substring(0, 8) + "@it.tollgate.dev";
        String password = "pw-" + UUID.randomUUID();
        var response = Registrations.send("POST", "/api/admin/users", "{\"email\":\"" + email + "\",\"password\":\""
                + password + "\",\"roles\":[]}", Registrations.ADMIN_HEADERS);
        assertEquals(201, response.statusCode(), response.body());
        return new User((String) Registrations.json(response).get("id"), email, password);
    }

    /** Authorize, then the login page: the login page's answer. */
    static RawHttp.Answer startAt(StatelessBrowser browser, String... overrides) {
        RawHttp.Answer authorize = browser.get("/oauth2/authorize?" + authorizeQuery(overrides));
        assertEquals(303, authorize.status(), authorize.body());
        assertTrue(authorize.header("Location").contains("/oauth2/login?request_id=v1."),
                authorize.header("Location"));
        RawHttp.Answer loginPage = browser.get(authorize.header("Location"));
        assertEquals(200, loginPage.status(), loginPage.body());
        return loginPage;
    }

    static RawHttp.Answer logIn(StatelessBrowser browser, RawHttp.Answer loginPage, User user) {
        return browser.post("/oauth2/login", Map.of("username", user.email(), "password", user.password(),
                "csrf_token", hidden(loginPage.body(), "csrf_token"),
                "request_id", hidden(loginPage.body(), "request_id")));
    }

    /** Authorize, login, and the consent page (always asked: the user is new). */
    static RawHttp.Answer consentPage(StatelessBrowser browser, User user, String... overrides) {
        RawHttp.Answer afterLogin = logIn(browser, startAt(browser, overrides), user);
        assertEquals(303, afterLogin.status(), afterLogin.body());
        assertTrue(afterLogin.header("Location").contains("/oauth2/consent?request_id="),
                afterLogin.header("Location"));
        RawHttp.Answer consent = browser.get(afterLogin.header("Location"));
        assertEquals(200, consent.status(), consent.body());
        return consent;
    }

    static RawHttp.Answer decide(StatelessBrowser browser, RawHttp.Answer consentPage, String decision) {
        return browser.post("/oauth2/consent", Map.of("decision", decision,
                "csrf_token", hidden(consentPage.body(), "csrf_token"),
                "request_id", hidden(consentPage.body(), "request_id")));
    }

    @Test
    void flowWhenEveryStepOnAFreshConnectionWithoutSessionThenCodeForTokens() {
        User user = newUser();
        StatelessBrowser browser = new StatelessBrowser();
        RawHttp.Answer authorize = browser.get("/oauth2/authorize?" + authorizeQuery("scope", SCOPE,
                "state", "any-node", "nonce", "n-1"));
        assertEquals(303, authorize.status());
        assertFlowCookie(authorize.all("Set-Cookie"), StatelessBrowser.BINDING, false);
        String handle = query(authorize.header("Location")).get("request_id");
        assertFalse(handle.contains("any-node"), "the pending request is sealed, not readable: " + handle);

        RawHttp.Answer loginPage = browser.get(authorize.header("Location"));
        assertEquals(200, loginPage.status());
        assertEquals(handle, hidden(loginPage.body(), "request_id"));
        assertSecurityHeaders(loginPage);
        RawHttp.Answer afterLogin = logIn(browser, loginPage, user);
        assertEquals(303, afterLogin.status(), afterLogin.body());
        assertFlowCookie(afterLogin.all("Set-Cookie"), StatelessBrowser.LOGIN, true);

        RawHttp.Answer consent = browser.get(afterLogin.header("Location"));
        assertEquals(200, consent.status(), consent.body());
        assertTrue(consent.body().contains(user.email()), "signed in as the user");
        assertNotEquals(hidden(loginPage.body(), "csrf_token"), hidden(consent.body(), "csrf_token"),
                "the CSRF token changes at login");
        RawHttp.Answer allowed = decide(browser, consent, "allow");
        assertEquals(303, allowed.status(), allowed.body());
        String location = allowed.header("Location");
        assertTrue(location.startsWith(CB + "?"), location);
        Map<String, String> response = query(location);
        assertEquals("any-node", response.get("state"));
        assertEquals(LibertyServer.baseUrl(), response.get("iss"));

        var tokens = LibertyServer.send(LibertyServer.request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of(
                        "grant_type", "authorization_code", "code", response.get("code"), "redirect_uri", CB,
                        "client_id", "it-authz-web", "code_verifier", Browser.VERIFIER)))).build());
        assertEquals(200, tokens.statusCode(), tokens.body());
        assertTrue(tokens.body().contains("\"access_token\""), tokens.body());
        assertTrue(tokens.body().contains("\"id_token\""), tokens.body());
    }

    @Test
    void flowWhenTwoTabsThenEachPendingRequestGoesOnByItself() {
        User user = newUser();
        StatelessBrowser browser = new StatelessBrowser();
        RawHttp.Answer firstTab = consentPage(browser, user, "scope", SCOPE, "state", "tab-1");
        RawHttp.Answer secondAuthorize = browser.get("/oauth2/authorize?" + authorizeQuery("scope", "openid email",
                "state", "tab-2"));
        assertTrue(secondAuthorize.header("Location").contains("/oauth2/consent?request_id="), "already signed in");
        RawHttp.Answer secondTab = browser.get(secondAuthorize.header("Location"));

        assertEquals("tab-2", query(decide(browser, secondTab, "deny").header("Location")).get("state"));
        RawHttp.Answer first = decide(browser, firstTab, "allow");
        assertEquals("tab-1", query(first.header("Location")).get("state"));
        assertNotNull(query(first.header("Location")).get("code"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"altered", "truncated", "another cluster's key", "another browser's", "expired",
            "a login cookie", "not sealed"})
    void pendingRequestWhenHandleNotThisBrowsersLiveOneThenRequestExpiredPageAndNothingLogged(String kind) {
        User user = newUser();
        StatelessBrowser browser = new StatelessBrowser();
        RawHttp.Answer consent = consentPage(browser, user, "scope", SCOPE);
        String handle = hidden(consent.body(), "request_id");
        String bad = switch (kind) {
            case "altered" -> handle.substring(0, 20) + (handle.charAt(20) == 'A' ? 'B' : 'A') + handle.substring(21);
            case "truncated" -> handle.substring(0, handle.length() - 4);
            case "another cluster's key" -> seals(KeyEncryptionKey.generate(new SecureRandom()), Instant.now())
                    .sealPending(request(), browser.cookie(StatelessBrowser.BINDING));
            case "another browser's" -> {
                StatelessBrowser other = new StatelessBrowser();
                RawHttp.Answer authorize = other.get("/oauth2/authorize?" + authorizeQuery("scope", SCOPE));
                yield query(authorize.header("Location")).get("request_id");
            }
            case "expired" -> seals(serverKey(), Instant.now().minus(FlowSeals.PENDING_LIFETIME).minusSeconds(5))
                    .sealPending(request(), browser.cookie(StatelessBrowser.BINDING));
            case "a login cookie" -> browser.cookie(StatelessBrowser.LOGIN);
            default -> "v1." + "A".repeat(120);
        };
        ServerLog log = ServerLog.mark();
        String csrf = hidden(consent.body(), "csrf_token");
        String encoded = java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8);
        List<RawHttp.Answer> answers = List.of(
                browser.get("/oauth2/login?request_id=" + encoded),
                browser.get("/oauth2/consent?request_id=" + encoded),
                browser.post("/oauth2/consent", Map.of("decision", "allow", "csrf_token", csrf, "request_id", bad)),
                browser.post("/oauth2/login", Map.of("username", user.email(), "password", user.password(),
                        "csrf_token", csrf, "request_id", bad)));
        for (RawHttp.Answer answer : answers) {
            assertRequestExpiredPage(answer);
        }
        RawHttp.Answer json = browser.postJson("/oauth2/consent", "{\"request_id\":\"" + bad
                + "\",\"csrf_token\":\"" + csrf + "\",\"decision\":\"allow\"}");
        assertEquals(400, json.status(), json.body());
        assertTrue(json.body().contains("\"error\":\"invalid_request\""), json.body());
        assertEquals(List.of(), log.problems());
        assertFalse(log.mentions(bad), "the value is not logged");

        // and the real handle still works in its own browser
        assertEquals(303, decide(browser, consent, "allow").status());
    }

    @Test
    void consentFormWhenReplayedAfterTheCodeWasIssuedThenRequestExpiredAndNoSecondCode() {
        User user = newUser();
        StatelessBrowser browser = new StatelessBrowser();
        RawHttp.Answer consent = consentPage(browser, user, "scope", SCOPE);
        RawHttp.Answer allowed = decide(browser, consent, "allow");
        assertEquals(303, allowed.status());
        assertNotNull(query(allowed.header("Location")).get("code"));

        RawHttp.Answer replayed = decide(browser, consent, "allow");
        assertRequestExpiredPage(replayed);
        assertRequestExpiredPage(decide(browser, consent, "deny"));
        RawHttp.Answer json = browser.postJson("/oauth2/consent", "{\"request_id\":\""
                + hidden(consent.body(), "request_id") + "\",\"csrf_token\":\"" + hidden(consent.body(), "csrf_token")
                + "\",\"decision\":\"allow\"}");
        assertEquals(400, json.status(), json.body());
        assertTrue(json.body().contains("\"error\":\"invalid_request\""), json.body());
        // The login page of that request again: consent is remembered now, but the request was answered.
        assertRequestExpiredPage(browser.get("/oauth2/login?request_id="
                + hidden(consent.body(), "request_id")));
    }

    @Test
    void consentWhenCsrfTokenMissingWrongOrAnotherBrowsersThen403() {
        User user = newUser();
        StatelessBrowser browser = new StatelessBrowser();
        RawHttp.Answer consent = consentPage(browser, user, "scope", SCOPE);
        String requestId = hidden(consent.body(), "request_id");
        RawHttp.Answer otherLoginPage = new StatelessBrowser().get("/oauth2/login");
        String othersToken = hidden(otherLoginPage.body(), "csrf_token");
        for (Map<String, String> form : List.of(
                Map.of("decision", "allow", "request_id", requestId),
                Map.of("decision", "allow", "request_id", requestId, "csrf_token", "x".repeat(43)),
                Map.of("decision", "allow", "request_id", requestId, "csrf_token", othersToken))) {
            RawHttp.Answer refused = browser.post("/oauth2/consent", form);
            assertEquals(403, refused.status(), refused.body());
            assertTrue(refused.body().contains("<code id=\"error-code\">invalid_csrf_token</code>"), refused.body());
            assertNull(refused.header("Location"));
            assertSecurityHeaders(refused);
        }
        assertEquals(303, decide(browser, consent, "allow").status(), "the right token still works");
    }

    @Test
    void consentWhenCsrfTokenFromBeforeTheLoginThen403() {
        User user = newUser();
        StatelessBrowser browser = new StatelessBrowser();
        RawHttp.Answer loginPage = startAt(browser, "scope", SCOPE);
        RawHttp.Answer consent = browser.get(logIn(browser, loginPage, user).header("Location"));
        RawHttp.Answer refused = browser.post("/oauth2/consent", Map.of("decision", "allow",
                "request_id", hidden(consent.body(), "request_id"),
                "csrf_token", hidden(loginPage.body(), "csrf_token")));
        assertEquals(403, refused.status(), "a login changes the token");
        assertEquals(303, decide(browser, consent, "allow").status());
    }

    @Test
    void loginWhenCsrfTokenOfAnotherBrowserThen403AndPasswordNotChecked() {
        User user = newUser();
        StatelessBrowser browser = new StatelessBrowser();
        RawHttp.Answer loginPage = startAt(browser, "scope", SCOPE);
        String othersToken = hidden(new StatelessBrowser().get("/oauth2/login").body(), "csrf_token");
        RawHttp.Answer refused = browser.post("/oauth2/login", Map.of("username", user.email(),
                "password", user.password(), "csrf_token", othersToken,
                "request_id", hidden(loginPage.body(), "request_id")));
        assertEquals(403, refused.status());
        assertNull(browser.cookie(StatelessBrowser.LOGIN), "not logged in");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"disable", "password"})
    void loginWhenUserDisabledOrPasswordResetAfterItThenLoginGone(String change) {
        User user = newUser();
        StatelessBrowser browser = new StatelessBrowser();
        RawHttp.Answer consent = consentPage(browser, user, "scope", SCOPE);
        String consentUrl = "/oauth2/consent?request_id=" + hidden(consent.body(), "request_id");
        String body = change.equals("password") ? "{\"password\":\"another-password-" + UUID.randomUUID() + "\"}"
                : null;
        var changed = Registrations.send("POST", "/api/admin/users/" + user.id() + "/" + change, body,
                Registrations.ADMIN_HEADERS);
        assertTrue(changed.statusCode() == 200 || changed.statusCode() == 204, changed.body());
        if (change.equals("disable")) {
            assertEquals(200, Registrations.send("POST", "/api/admin/users/" + user.id() + "/enable", null,
                    Registrations.ADMIN_HEADERS).statusCode(), "enabled again: the old login stays gone");
        }

        // The consent form sent now: its token is still this login's, but the login no longer counts.
        RawHttp.Answer decided = decide(browser, consent, "allow");
        assertEquals(303, decided.status(), decided.body());
        assertTrue(decided.header("Location").contains("/oauth2/login?request_id="), "no code without a login");
        assertTrue(decided.all("Set-Cookie").stream().anyMatch(cookie -> cookie.startsWith(StatelessBrowser.LOGIN
                + "=;") && cookie.toLowerCase(Locale.ROOT).contains("max-age=0")), decided.all("Set-Cookie")
                .toString());
        assertNull(browser.cookie(StatelessBrowser.LOGIN), "the login cookie is cleared");

        RawHttp.Answer again = browser.get(consentUrl);
        assertEquals(303, again.status(), again.body());
        assertTrue(again.header("Location").contains("/oauth2/login?request_id="), again.header("Location"));
        // The new password (or the account again enabled) signs in afresh, and the request goes on.
        if (change.equals("disable")) {
            RawHttp.Answer loginPage = browser.get(again.header("Location"));
            assertEquals(303, logIn(browser, loginPage, user).status());
        }
    }

    @Test
    void loginCookieWhenExpiredOrAlteredThenNotLoggedIn() {
        User user = newUser();
        StatelessBrowser browser = new StatelessBrowser();
        RawHttp.Answer consent = consentPage(browser, user, "scope", SCOPE);
        String consentUrl = "/oauth2/consent?request_id=" + hidden(consent.body(), "request_id");
        String live = browser.cookie(StatelessBrowser.LOGIN);
        String binding = browser.cookie(StatelessBrowser.BINDING);

        FlowSeals past = seals(serverKey(), Instant.now().minus(Duration.ofDays(2)));
        browser.setCookie(StatelessBrowser.LOGIN, past.sealLogin(past.newLogin(user.id()), binding));
        assertTrue(browser.get(consentUrl).header("Location").contains("/oauth2/login"), "expired");

        browser.setCookie(StatelessBrowser.LOGIN, live.substring(0, live.length() - 3) + "AAA");
        assertTrue(browser.get(consentUrl).header("Location").contains("/oauth2/login"), "altered");

        FlowSeals otherKey = seals(KeyEncryptionKey.generate(new SecureRandom()), Instant.now());
        browser.setCookie(StatelessBrowser.LOGIN, otherKey.sealLogin(otherKey.newLogin(user.id()), binding));
        assertTrue(browser.get(consentUrl).header("Location").contains("/oauth2/login"), "another cluster's");

        StatelessBrowser thief = new StatelessBrowser();
        thief.get("/oauth2/login");
        thief.setCookie(StatelessBrowser.LOGIN, live);
        RawHttp.Answer stolen = thief.get("/oauth2/authorize?" + authorizeQuery("scope", SCOPE));
        assertTrue(stolen.header("Location").contains("/oauth2/login"), "a login cookie without its browser");
    }

    private static void assertRequestExpiredPage(RawHttp.Answer answer) {
        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.header("Content-Type").startsWith("text/html"), answer.header("Content-Type"));
        assertTrue(answer.body().contains("<code id=\"error-code\">invalid_request</code>"), answer.body());
        assertTrue(answer.body().contains("Request expired"), answer.body());
        assertNull(answer.header("Location"), "never a redirect");
        assertFalse(answer.body().contains("Exception"), answer.body());
        assertSecurityHeaders(answer);
    }

    static void assertSecurityHeaders(RawHttp.Answer answer) {
        assertEquals("DENY", answer.header("X-Frame-Options"));
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("no-referrer", answer.header("Referrer-Policy"));
        String csp = answer.header("Content-Security-Policy");
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
    }

    private static void assertFlowCookie(List<String> setCookies, String name, boolean withMaxAge) {
        String cookie = setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + setCookies));
        List<String> attributes = List.of(cookie.split(";\\s*"));
        assertTrue(attributes.contains("HttpOnly"), cookie);
        assertTrue(attributes.contains("SameSite=Lax"), cookie);
        assertTrue(attributes.contains("Path=/oauth2"), cookie);
        assertFalse(attributes.stream().anyMatch("Secure"::equalsIgnoreCase), "plain HTTP here: " + cookie);
        assertEquals(withMaxAge, attributes.stream().anyMatch(a -> a.startsWith("Max-Age=")), cookie);
    }

    private static AuthorizationRequest request() {
        return new AuthorizationRequest(new ClientId("it-authz-web"), CB, true, Scopes.parse(SCOPE).orElseThrow(),
                Optional.of("forged"), Browser.CHALLENGE, Optional.empty());
    }

    private static FlowSeals seals(KeyEncryptionKey key, Instant at) {
        return new FlowSeals(key, Duration.ofMinutes(30), Clock.fixed(at, ZoneOffset.UTC));
    }

    /** The IT server's key-encryption key (see the class comment); a missing key fails, it never skips. */
    static KeyEncryptionKey serverKey() {
        String configured = System.getProperty("it.encryption-key");
        if (configured != null && !configured.isBlank()) {
            return KeyEncryptionKey.decode(configured);
        }
        Path file = Path.of(System.getProperty("user.home"), ".tollgate", "key-encryption.key");
        try {
            return KeyEncryptionKey.decode(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("the IT server's key-encryption key: set -Dit.encryption-key or keep "
                    + file, e);
        }
    }
}
