package dev.tollgate.it.admin;

import static dev.tollgate.it.authorize.Browser.authorizeQuery;
import static dev.tollgate.it.authorize.Browser.hidden;
import static dev.tollgate.it.authorize.Browser.location;
import static dev.tollgate.it.authorize.Browser.query;
import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.admin.Accounts.TestUser;
import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The audit events of the browser flow (README, "Audit trail"), made through the real login and consent pages and
 * the token endpoint in Liberty (H2 and PostgreSQL): a sign-in on the login page and a failed one, consent given on
 * the consent page and revoked through {@code /api/me/consents}, and an authorization code replayed by its client.
 * Each test signs in as a user of its own, so that other tests' events do not matter.
 */
class AuditFlowEventsIT {

    private static final String CLIENT = "it-authz-web";
    private static final String CALLBACK = "https://client.it.tollgate.dev/cb";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(String query) {
        HttpResponse<String> response = LibertyServer.get("/api/admin/events?" + query, ADMIN_HEADERS);
        assertEquals(200, response.statusCode(), response.body());
        return (List<Map<String, Object>>) json(response).get("items");
    }

    private static Map<String, Object> only(String query) {
        List<Map<String, Object>> found = events(query);
        assertEquals(1, found.size(), () -> query + ": " + found);
        return found.get(0);
    }

    private static void assertEvent(Map<String, Object> event, String outcome, String actor, String subject,
                                    Object detail) {
        assertEquals(outcome, event.get("outcome"), event::toString);
        assertEquals(actor, event.get("actor"), event::toString);
        assertEquals(subject, event.get("subject"), event::toString);
        assertEquals(CLIENT, event.get("client"), event::toString);
        assertTrue(LOOPBACK.contains((String) event.get("address")), event::toString);
        assertEquals(detail, event.get("detail"), event::toString);
    }

    /** Signs in as {@code user}, allows the consent page if it comes; the code at the client's callback. */
    private static String code(Browser browser, TestUser user) {
        String next = location(browser.startAndLogIn(authorizeQuery("scope", "read"), user.email(),
                user.password()));
        if (next.contains("/oauth2/consent")) {
            HttpResponse<String> consent = browser.get(next);
            next = location(browser.post("/oauth2/consent", Map.of("decision", "allow",
                    "csrf_token", hidden(consent.body(), "csrf_token"),
                    "request_id", hidden(consent.body(), "request_id"))));
        }
        assertTrue(next.startsWith(CALLBACK + "?"), next);
        return query(next).get("code");
    }

    private static HttpResponse<String> redeem(String code) {
        String form = "grant_type=authorization_code&code=" + Registrations.enc(code) + "&redirect_uri="
                + Registrations.enc(CALLBACK) + "&client_id=" + CLIENT + "&code_verifier=" + Browser.VERIFIER;
        return LibertyServer.send(LibertyServer.request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    @Test
    void signInOnTheLoginPageIsRecordedAndAFailedOneNamesNoAccount() {
        TestUser user = Accounts.createUser("login-page");
        String since = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Browser browser = new Browser();
        String loginUrl = location(browser.get("/oauth2/authorize?" + authorizeQuery("scope", "read")));

        HttpResponse<String> wrong = browser.logIn(loginUrl, user.email(), "wrong-password-1");
        assertEquals(200, wrong.statusCode(), "the login page again, with its error");
        HttpResponse<String> right = browser.logIn(loginUrl, user.email(), user.password());
        assertEquals(303, right.statusCode(), right.body());

        assertEvent(only("type=login.succeeded&subject=" + user.id()), "success", user.id(), user.id(),
                Map.of("via", "login-page"));
        List<Map<String, Object>> failures = events("type=login.failed&client=" + CLIENT + "&from=" + since
                + "&pageSize=100");
        assertTrue(failures.stream().anyMatch(event -> Map.of("via", "login-page").equals(event.get("detail"))),
                failures::toString);
        failures.forEach(event -> assertEvent(event, "failure", null, null, event.get("detail")));
        String body = LibertyServer.get("/api/admin/events?client=" + CLIENT + "&from=" + since + "&pageSize=100",
                ADMIN_HEADERS).body();
        assertFalse(body.contains(user.email()), body);
        assertFalse(body.contains("wrong-password-1") || body.contains(user.password()), body);
    }

    @Test
    void consentGivenOnTheConsentPageAndRevokedIsRecorded() {
        TestUser user = Accounts.createUser("consenting");
        code(new Browser(), user);

        assertEvent(only("type=consent.granted&subject=" + user.id()), "success", user.id(), user.id(),
                Map.of("scope", "read"));

        HttpResponse<String> revoked = Registrations.send("DELETE", "/api/me/consents/" + CLIENT, null,
                user.headers());
        assertEquals(204, revoked.statusCode(), revoked.body());

        assertEvent(only("type=consent.revoked&subject=" + user.id()), "success", user.id(), user.id(),
                Map.of("scope_sets", 1L));
    }

    @Test
    void aCodeReplayedByItsClientIsRecorded() {
        TestUser user = Accounts.createUser("replayed");
        String code = code(new Browser(), user);
        assertEquals(200, redeem(code).statusCode());

        HttpResponse<String> replay = redeem(code);

        assertEquals(400, replay.statusCode(), replay.body());
        assertEvent(only("type=authorization-code.replayed&subject=" + user.id()), "failure", CLIENT, user.id(),
                Map.of());
        assertFalse(LibertyServer.get("/api/admin/events?subject=" + user.id(), ADMIN_HEADERS).body().contains(code));
    }
}
