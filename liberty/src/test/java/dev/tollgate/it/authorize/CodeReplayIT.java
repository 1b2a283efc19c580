package dev.tollgate.it.authorize;

import static dev.tollgate.it.authorize.Browser.authorizeQuery;
import static dev.tollgate.it.authorize.Browser.hidden;
import static dev.tollgate.it.authorize.Browser.location;
import static dev.tollgate.it.authorize.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.it.support.LibertyServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replayed authorization code revokes the tokens issued from it (RFC 6749 §4.1.2, RFC 9700 §4.2.4) only when the
 * presenter proves to be the code's client: the client authenticated (a public client names itself) and the PKCE
 * verifier matches. Anyone else who saw a used code gets {@code invalid_grant} and revokes nothing.
 */
class CodeReplayIT {

    private static final String CLIENT = "it-authz-web";
    private static final String OTHER_PUBLIC_CLIENT = "it-authz-trusted";
    private static final String WRONG_VERIFIER = "A".repeat(43);

    /** Login (and consent, unless remembered) as a browser would; the code the client's callback receives. */
    private static String code() {
        Browser browser = new Browser();
        HttpResponse<String> afterLogin = browser.startAndLogIn(authorizeQuery("scope", "read"));
        String next = location(afterLogin);
        if (next.contains("/oauth2/consent")) {
            HttpResponse<String> consent = browser.get(next);
            next = location(browser.post("/oauth2/consent", Map.of("decision", "allow",
                    "csrf_token", hidden(consent.body(), "csrf_token"),
                    "request_id", hidden(consent.body(), "request_id"))));
        }
        assertTrue(next.startsWith(AuthorizeFlowIT.CLIENT_CB + "?"), next);
        return query(next).get("code");
    }

    private static HttpResponse<String> token(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return LibertyServer.send(LibertyServer.request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static HttpResponse<String> exchange(String clientId, String code, String verifier) {
        return token("grant_type", "authorization_code", "code", code, "redirect_uri", AuthorizeFlowIT.CLIENT_CB,
                "client_id", clientId, "code_verifier", verifier);
    }

    private static HttpResponse<String> refresh(String refreshToken) {
        return token("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT);
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static Map<String, Object> assertTokens(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> tokens = json(response);
        assertTrue(tokens.get("access_token") instanceof String && tokens.get("refresh_token") instanceof String,
                response.body());
        return tokens;
    }

    private static void assertInvalidGrant(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("invalid_grant", json(response).get("error"), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    private static int me(Object accessToken) {
        return LibertyServer.get("/api/me", "Authorization", "Bearer " + accessToken).statusCode();
    }

    @Test
    void aUsedCodeWithAWrongVerifierOrFromAnotherClientRevokesNothing() {
        String code = code();
        Map<String, Object> tokens = assertTokens(exchange(CLIENT, code, Browser.VERIFIER));

        // The client_id of a public client is no secret; the verifier is what only the real client holds.
        assertInvalidGrant(exchange(CLIENT, code, WRONG_VERIFIER));
        assertInvalidGrant(exchange(OTHER_PUBLIC_CLIENT, code, Browser.VERIFIER));

        assertEquals(200, me(tokens.get("access_token")), "the legitimate client's access token still works");
        assertTokens(refresh((String) tokens.get("refresh_token")));
    }

    @Test
    void aUsedCodeReplayedByItsOwnClientWithItsVerifierStillRevokesTheTokensIssuedFromIt() {
        String code = code();
        Map<String, Object> tokens = assertTokens(exchange(CLIENT, code, Browser.VERIFIER));
        Map<String, Object> refreshed = assertTokens(refresh((String) tokens.get("refresh_token")));

        assertInvalidGrant(exchange(CLIENT, code, Browser.VERIFIER));

        assertInvalidGrant(refresh((String) refreshed.get("refresh_token")));
    }
}
