package dev.tollgate.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console over plain HTTP: its files and their headers (the login pages' CSP and framing rules, stricter), its
 * built-in client {@code tollgate-console}, and the admin users search it uses ({@code email}).
 */
class ConsoleHttpIT {

    @Test
    void consoleFilesWhenServedThenStrictCspNoFramingNoCacheNoReferrer() {
        for (String path : List.of("/console/", "/console/index.html", "/console/console.css", "/console/js/app.js",
                "/console/js/session.js", "/console/js/views/users.js")) {
            HttpResponse<String> response = LibertyServer.get(path);
            assertEquals(200, response.statusCode(), path);
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'"), csp);
            assertTrue(csp.contains("style-src 'self'"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
            assertFalse(csp.contains("unsafe-eval"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertTrue(csp.contains("connect-src 'self'"), csp);
            assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), path);
            assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""), path);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "no cookie, no session: " + path);
        }
        String html = LibertyServer.get("/console/").body();
        assertTrue(LibertyServer.get("/console/").headers().firstValue("Content-Type").orElse("")
                .startsWith("text/html"));
        assertFalse(html.contains("<script>") || html.contains("style="), "no inline script or style");
        assertTrue(LibertyServer.get("/console/js/app.js").headers().firstValue("Content-Type").orElse("")
                .contains("javascript"), "modules need a JavaScript type under nosniff");
        assertTrue(LibertyServer.get("/console/console.css").headers().firstValue("Content-Type").orElse("")
                .startsWith("text/css"));
    }

    @Test
    void consoleFilesWhenMissingOrNotGetThen404Or405NeverTheWarsFiles() {
        HttpResponse<String> folder = LibertyServer.get("/console");
        assertEquals(301, folder.statusCode());
        assertTrue(folder.headers().firstValue("Location").orElse("").endsWith("/console/"));
        // Liberty resolves the dot segments first: that is /WEB-INF/beans.xml, which the container never serves.
        HttpResponse<String> traversal = LibertyServer.get("/console/%2e%2e/WEB-INF/beans.xml");
        assertTrue(traversal.statusCode() == 404 || traversal.statusCode() == 400, "" + traversal.statusCode());
        assertFalse(traversal.body().contains("<beans"), "never the WAR's own files");
        for (String path : List.of("/console/nope.js", "/console/js/", "/console/.hidden.js",
                "/console/WEB-INF/beans.xml", "/console/beans.xml")) {
            HttpResponse<String> missing = LibertyServer.get(path);
            assertTrue(missing.statusCode() == 404 || missing.statusCode() == 400, path + ": " + missing.statusCode());
            assertFalse(missing.body().contains("<beans"), "never the WAR's own files: " + path);
            assertFalse(missing.body().contains("Exception"), path);
        }
        HttpResponse<String> post = LibertyServer.send(LibertyServer.request("/console/index.html")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        assertEquals("DENY", post.headers().firstValue("X-Frame-Options").orElse(""));
    }

    @Test
    void consoleFilesWhenScannedThenNoTokenStorage() {
        for (String path : List.of("/console/js/app.js", "/console/js/session.js", "/console/js/api.js",
                "/console/js/dom.js")) {
            String source = LibertyServer.get(path).body();
            assertFalse(source.matches("(?s).*localStorage\\s*[.\\[].*"), path);
            assertFalse(source.matches("(?s).*sessionStorage\\s*\\.\\s*setItem\\s*\\(\\s*(?!FLOW_KEY).*"), path);
            assertFalse(source.contains("document.cookie"), path);
            assertFalse(source.contains("innerHTML"), path);
        }
    }

    @Test
    void consoleClientWhenAuthorizedWithItsRedirectUriThenLoginPage() {
        String redirect = LibertyServer.baseUrl() + "/console/";
        HttpResponse<String> authorize = new Browser().get("/oauth2/authorize?response_type=code"
                + "&client_id=tollgate-console&redirect_uri=" + Registrations.enc(redirect)
                + "&scope=openid%20profile%20email&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256");
        assertEquals(303, authorize.statusCode(), authorize.body());
        assertTrue(Browser.location(authorize).contains("/oauth2/login"), Browser.location(authorize));

        // Any other redirect URI is an error page, never a redirect; the client is public: no client_credentials.
        HttpResponse<String> elsewhere = new Browser().get("/oauth2/authorize?response_type=code"
                + "&client_id=tollgate-console&redirect_uri=" + Registrations.enc("https://evil.example/console/")
                + "&scope=openid&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256");
        assertEquals(400, elsewhere.statusCode());
        assertTrue(elsewhere.headers().firstValue("Location").isEmpty());
        Registrations.assertOAuthError(Registrations.clientCredentials("tollgate-console", "x".repeat(20)), 401,
                "invalid_client");
    }

    @Test
    void logoutWhenFromTheServersOwnOriginThenLoginCookieEndsElseBadRequest() {
        ConsoleUsers.TestUser user = ConsoleUsers.create("logout");
        Browser browser = new Browser();
        String authorize = "/oauth2/authorize?response_type=code&client_id=tollgate-console&redirect_uri="
                + Registrations.enc(LibertyServer.baseUrl() + "/console/") + "&scope=openid&state=s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        HttpResponse<String> loginPage = browser.get(Browser.location(browser.get(authorize)));
        HttpResponse<String> login = browser.post("/oauth2/login", Map.of("username", user.email(),
                "password", user.password(), "csrf_token", Browser.hidden(loginPage.body(), "csrf_token"),
                "request_id", Browser.hidden(loginPage.body(), "request_id")));
        assertEquals(303, login.statusCode(), login.body());
        assertTrue(Browser.location(login).startsWith(LibertyServer.baseUrl() + "/console/?code="),
                "first party: no consent page");
        assertTrue(Browser.location(browser.get(authorize)).startsWith(LibertyServer.baseUrl() + "/console/?code="),
                "the login cookie signs in again without a password");

        for (String[] origin : List.of(new String[0], new String[] {"Origin", "https://evil.example"},
                new String[] {"Origin", "null"})) {
            HttpResponse<String> refused = browser.post("/oauth2/logout", Map.of(), origin);
            Problems.assertProblem(refused, ProblemType.BAD_REQUEST);
            assertTrue(refused.headers().allValues("Set-Cookie").isEmpty(), refused.headers().map().toString());
        }
        assertTrue(Browser.location(browser.get(authorize)).contains("/console/?code="), "still signed in");

        HttpResponse<String> out = browser.post("/oauth2/logout", Map.of(), "Origin", LibertyServer.baseUrl());
        assertEquals(204, out.statusCode(), out.body());
        assertTrue(out.headers().firstValue("Cache-Control").orElse("").startsWith("no-store"));
        assertTrue(out.headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("tollgate_login=;") && c.contains("Max-Age=0")), out.headers().map()
                .toString());
        assertTrue(Browser.location(browser.get(authorize)).contains("/oauth2/login"), "the password is asked again");
        assertEquals(204, browser.post("/oauth2/logout", Map.of(), "Origin", LibertyServer.baseUrl()).statusCode(),
                "idempotent");
    }

    @Test
    void usersWhenSearchedByEmailThenOnlyMatchesCaseInsensitive() {
        ConsoleUsers.TestUser user = ConsoleUsers.create("search-Target");
        String part = user.email().substring(0, user.email().indexOf('@')).toUpperCase();
        HttpResponse<String> found = Registrations.send("GET", "/api/admin/users?email=" + Registrations.enc(part),
                null, Registrations.ADMIN_HEADERS);
        assertEquals(200, found.statusCode(), found.body());
        Map<String, Object> page = Registrations.json(found);
        assertEquals(List.of(user.email()), ((List<?>) page.get("items")).stream()
                .map(item -> ((Map<?, ?>) item).get("email")).toList());
        assertEquals(1L, ((Number) ((Map<?, ?>) page.get("pagination")).get("total_count")).longValue());

        // % and _ are matched as themselves, not as wildcards.
        HttpResponse<String> wildcard = Registrations.send("GET", "/api/admin/users?email=%25", null,
                Registrations.ADMIN_HEADERS);
        assertEquals(0L, ((Number) ((Map<?, ?>) Registrations.json(wildcard).get("pagination")).get("total_count"))
                .longValue(), wildcard.body());
    }

    @Test
    void usersSearchWhenInvalidThenValidationProblemNamingEmail() {
        HttpResponse<String> tooLong = Registrations.send("GET", "/api/admin/users?email=" + "a".repeat(321), null,
                Registrations.ADMIN_HEADERS);
        Map<String, Object> problem = Problems.assertProblem(tooLong, ProblemType.VALIDATION);
        assertEquals(List.of("email"), List.copyOf(((Map<?, ?>) problem.get("errors")).keySet()));
        HttpResponse<String> control = Registrations.send("GET", "/api/admin/users?email=a%01b", null,
                Registrations.ADMIN_HEADERS);
        Problems.assertProblem(control, ProblemType.VALIDATION);

        ConsoleUsers.TestUser user = ConsoleUsers.create("search-not-admin");
        Problems.assertProblem(Registrations.send("GET", "/api/admin/users?email=a", null, user.headers()),
                ProblemType.INSUFFICIENT_ROLE);
    }
}
