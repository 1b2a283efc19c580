package dev.tollgate.it.registration;

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
import java.util.Base64;
import java.util.Map;

/** HTTP helpers for the registration and account-management integration tests. */
public final class Registrations {

    public static final String ADMIN_EMAIL = "admin@it.tollgate.dev";
    public static final String ADMIN_PASSWORD = "it-admin-password-1";
    public static final String[] ADMIN_HEADERS = {"X-API-Email", ADMIN_EMAIL, "X-API-Password", ADMIN_PASSWORD};

    private Registrations() {
    }

    public static HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = LibertyServer.request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return LibertyServer.send(request.build());
    }

    public static HttpResponse<String> register(String body, String... headers) {
        return send("POST", "/oauth2/register", body, headers);
    }

    /** Registers as the bootstrap admin (plain headers); asserts 201. */
    public static Map<String, Object> registered(String body) {
        HttpResponse<String> response = register(body, ADMIN_HEADERS);
        assertEquals(201, response.statusCode(), response.body());
        assertNoStore(response);
        return json(response);
    }

    /** A client-credentials access token. */
    public static String clientToken(String clientId, String secret, String scope) {
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + enc(scope));
        HttpResponse<String> response = LibertyServer.send(LibertyServer.request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(clientId, secret))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(200, response.statusCode(), response.body());
        return (String) json(response).get("access_token");
    }

    public static HttpResponse<String> clientCredentials(String clientId, String secret) {
        return LibertyServer.send(LibertyServer.request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(clientId, secret))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
    }

    /** A password-grant access token of the IT confidential app for a user. */
    public static String userToken(String email, String password) {
        String form = "grant_type=password&username=" + enc(email) + "&password=" + enc(password) + "&scope=read";
        HttpResponse<String> response = LibertyServer.send(LibertyServer.request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic("it-app", "it-app-secret-0123456789ab"))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(200, response.statusCode(), response.body());
        return (String) json(response).get("access_token");
    }

    public static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret))
                .getBytes(StandardCharsets.UTF_8));
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String path(Map<String, Object> registration) {
        String uri = (String) registration.get("registration_client_uri");
        return uri.substring(uri.indexOf("/oauth2/register/"));
    }

    public static String bearer(Map<String, Object> registration) {
        return "Bearer " + registration.get("registration_access_token");
    }

    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    public static void assertNoStore(HttpResponse<String> response) {
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    }

    /** An RFC 6749 §5.2 / RFC 7591 §3.2.2 error. */
    public static Map<String, Object> assertOAuthError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertNoStore(response);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        Map<String, Object> body = json(response);
        assertEquals(error, body.get("error"), response.body());
        assertTrue(body.get("error_description") instanceof String);
        assertFalse(response.body().contains("Exception"), response.body());
        return body;
    }

    public static void assertInvalidTokenChallenge(HttpResponse<String> response) {
        assertOAuthError(response, 401, "invalid_token");
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer ") && challenge.contains("error=\"invalid_token\""), challenge);
    }
}
