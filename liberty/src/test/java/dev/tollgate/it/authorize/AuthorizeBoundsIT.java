package dev.tollgate.it.authorize;

import static dev.tollgate.it.authorize.Browser.authorizeQuery;
import static dev.tollgate.it.authorize.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.RawHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, finding 5 and the authorize part of 6 and 12, over real HTTP: what an unauthenticated client can make
 * the authorization endpoint keep, and how it answers requests it cannot read.
 *
 * <ul>
 *   <li>a query over {@code tollgate.server.authorize.max-query-length} (8192): 414 error page, no redirect;</li>
 *   <li>a malformed query (percent-encoding, UTF-8, control characters): 400 error page, no redirect, no 500;</li>
 *   <li>an invalid request sets no cookie;</li>
 *   <li>a valid request is kept nowhere on the server (issue 12: it travels with the browser, sealed), so there is no
 *       per-address or per-node bound left to reach: many requests from one address are each kept, and none
 *       pushes out another;</li>
 *   <li>the flow's cookies are HttpOnly, SameSite=Lax, scoped to /oauth2 (and not Secure over plain HTTP), and no
 *       HTTP session is created.</li>
 * </ul>
 * Requests go through {@link RawHttp}: byte for byte, and from a loopback address of the test's own.
 */
class AuthorizeBoundsIT {

    /** The default of the former tollgate.server.authorize.max-pending-per-address, now ignored. */
    static final int FORMER_MAX_PENDING_PER_ADDRESS = 100;

    @Test
    void authorizeWhenQueryOverMaxLengthThen414ErrorPageNeverRedirectNoSession() {
        String query = authorizeQuery("state", "long") + "&padding=" + "a".repeat(9000);
        RawHttp.Answer response = get("/oauth2/authorize?" + query);
        assertEquals(414, response.status());
        assertErrorPage(response, "invalid_request");

        RawHttp.Answer huge = get("/oauth2/authorize?" + authorizeQuery() + "&x=" + "a".repeat(200_000));
        assertEquals(414, huge.status());
        assertErrorPage(huge, "invalid_request");
    }

    @Test
    void authorizeWithAcceptJsonWhenQueryOverMaxLengthThen414OAuthErrorJson() {
        RawHttp.Answer response = get("127.0.0.1", "/oauth2/authorize?" + authorizeQuery()
                + "&padding=" + "a".repeat(9000), "Accept", "application/json");
        assertEquals(414, response.status());
        assertTrue(response.header("Content-Type").startsWith("application/json"), response.header("Content-Type"));
        assertTrue(response.body().contains("\"error\":\"invalid_request\""), response.body());
        assertTrue(response.all("Set-Cookie").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "client_id=%ZZ",
            "client_id=%",
            "client_id=%C0%AF",
            "client_id=%FF",
            "client_id=it-authz-web%00",
            "%ZZ=1",
            "VALID&state=%00",
            "VALID&state=a%0D%0ASet-Cookie:%20x=y",
            "VALID&state=%7F",
            "VALID&nonce=%C2%85",
            "VALID&x=%E2%82"})
    void authorizeWhenQueryMalformedThen400ErrorPageNeverRedirectNoSession(String query) {
        String target = "/oauth2/authorize?" + query.replace("VALID", authorizeQuery());
        RawHttp.Answer response = get(target);
        assertEquals(400, response.status(), response.body());
        assertErrorPage(response, "invalid_request");

        RawHttp.Answer json = get("127.0.0.1", target, "Accept", "application/json");
        assertEquals(400, json.status(), json.body());
        assertTrue(json.body().contains("\"error\":\"invalid_request\""), json.body());
    }

    @Test
    void authorizeWhenClientIdRepeatedThenErrorPageAndOtherRepeatedParameterThenErrorRedirect() {
        RawHttp.Answer clientTwice = get("/oauth2/authorize?" + authorizeQuery()
                + "&client_id=it-authz-web");
        assertEquals(400, clientTwice.status());
        assertErrorPage(clientTwice, "invalid_request");

        RawHttp.Answer stateTwice = get("/oauth2/authorize?" + authorizeQuery("state", "s-2")
                + "&scope=read");
        assertEquals(303, stateTwice.status());
        Map<String, String> error = query(stateTwice.header("Location"));
        assertEquals("invalid_request", error.get("error"));
        assertTrue(stateTwice.header("Location").startsWith(AuthorizeFlowIT.CLIENT_CB + "?"));
        assertTrue(stateTwice.all("Set-Cookie").isEmpty(), "no cookie for an invalid request");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"client_id=nobody", "redirect_uri=https://evil.example.com/cb", "response_type=token",
            "code_challenge_method=plain", "scope=admin", "client_id=it-authz-nocode"})
    void authorizeWhenRequestInvalidThenNoCookieIsSet(String override) {
        String[] pair = override.split("=", 2);
        RawHttp.Answer response = get("/oauth2/authorize?" + authorizeQuery(pair[0], pair[1]));
        assertTrue(response.status() == 400 || response.status() == 303, "status " + response.status());
        assertTrue(response.all("Set-Cookie").isEmpty(), response.all("Set-Cookie").toString());
        if (response.status() == 303) {
            assertTrue(response.header("Location").startsWith(AuthorizeFlowIT.CLIENT_CB + "?error="),
                    response.header("Location"));
        }
    }

    @Test
    void authorizeWhenManyRequestsFromOneAddressThenEachKeptInItsBrowserAndNoneRefusedOrPushedOut() {
        String crowded = RawHttp.randomLoopback();
        String first = null;
        String firstCookie = null;
        for (int i = 0; i < FORMER_MAX_PENDING_PER_ADDRESS + 50; i++) {
            RawHttp.Answer kept = get(crowded, "/oauth2/authorize?" + authorizeQuery("state", "many-" + i));
            assertEquals(303, kept.status());
            assertTrue(kept.header("Location").contains("/oauth2/login?request_id="), kept.header("Location"));
            if (i == 0) {
                first = kept.header("Location");
                firstCookie = flowCookie(kept, "tollgate_browser");
            }
        }
        // the first still goes on to its login page, in its own browser only
        String path = first.substring(LibertyServer.baseUrl().length());
        RawHttp.Answer loginPage = get(crowded, path, "Cookie", firstCookie);
        assertEquals(200, loginPage.status(), loginPage.body());
        assertTrue(loginPage.body().contains("name=\"request_id\""), loginPage.body());
        RawHttp.Answer elsewhere = get(RawHttp.randomLoopback(), path);
        assertEquals(400, elsewhere.status(), "without its browser's cookie the handle is worth nothing");
        assertErrorPage(elsewhere, "invalid_request");
    }

    @Test
    void flowCookiesWhenSetThenHttpOnlyAndSameSiteLaxAndScopedAndNotSecureOverHttpAndNoSession() {
        RawHttp.Answer started = get("/oauth2/authorize?" + authorizeQuery());
        assertCookieAttributes(started.all("Set-Cookie"), "tollgate_browser");

        Browser browser = new Browser();
        HttpResponse<String> afterLogin = browser.startAndLogIn(authorizeQuery());
        assertEquals(303, afterLogin.statusCode());
        assertCookieAttributes(afterLogin.headers().allValues("Set-Cookie"), "tollgate_login");
        assertNull(browser.cookie("JSESSIONID"), "no HTTP session");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/oauth2/login?request_id=%ZZ", "/oauth2/consent?request_id=%ZZ"})
    void loginAndConsentPagesWhenQueryMalformedThen400Problem(String target) {
        RawHttp.Answer response = get(target);
        assertEquals(400, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"),
                response.header("Content-Type"));
        assertTrue(response.body().contains("\"type\":\"https://tollgate.dev/problems/bad-request\""),
                response.body());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/oauth2/login?request_id=%C0%AF", "/oauth2/consent?request_id=%00"})
    void loginAndConsentPagesWhenRequestIdNotReadableThenRequestExpiredPage(String target) {
        RawHttp.Answer response = get(target);
        assertEquals(400, response.status(), response.body());
        assertErrorPage(response, "invalid_request");
    }

    private static void assertErrorPage(RawHttp.Answer response, String errorCode) {
        assertTrue(response.header("Content-Type").startsWith("text/html"), response.header("Content-Type"));
        assertTrue(response.body().contains("<code id=\"error-code\">" + errorCode + "</code>"), response.body());
        assertNull(response.header("Location"), "never a redirect");
        assertTrue(response.all("Set-Cookie").isEmpty(), "no cookie: " + response.all("Set-Cookie"));
        assertEquals("DENY", response.header("X-Frame-Options"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertFalse(response.body().contains("Exception"), response.body());
    }

    private static void assertCookieAttributes(List<String> setCookies, String name) {
        assertFalse(setCookies.stream().anyMatch(cookie -> cookie.startsWith("JSESSIONID=")), setCookies.toString());
        String cookie = setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + setCookies));
        List<String> attributes = List.of(cookie.split(";\\s*"));
        assertTrue(attributes.stream().anyMatch("HttpOnly"::equalsIgnoreCase), cookie);
        assertTrue(attributes.stream().anyMatch("SameSite=Lax"::equalsIgnoreCase), cookie);
        assertTrue(attributes.contains("Path=/oauth2"), cookie);
        assertFalse(attributes.stream().anyMatch("Secure"::equalsIgnoreCase), cookie);
    }

    private static String flowCookie(RawHttp.Answer response, String name) {
        return response.all("Set-Cookie").stream().filter(cookie -> cookie.startsWith(name + "="))
                .map(cookie -> cookie.split(";")[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }

    /** A GET of {@code target} as sent, from {@code sourceAddress}, with header name/value pairs. */
    private static RawHttp.Answer get(String sourceAddress, String target, String... headers) {
        RawHttp request = RawHttp.request("GET", target).from(sourceAddress);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    private static RawHttp.Answer get(String target) {
        return get("127.0.0.1", target);
    }
}
