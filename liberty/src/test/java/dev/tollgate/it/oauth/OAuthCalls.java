package dev.tollgate.it.oauth;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The IT server's declared OAuth clients (profile-it.xml) and raw HTTP calls to the protocol endpoints. */
final class OAuthCalls {

    static final String SERVICE = "it-service";
    static final String SERVICE_SECRET = "it-service-secret-0123456789";
    static final String APP = "it-app";
    static final String APP_SECRET = "it-app-secret-0123456789ab";
    static final String GLOBAL = "it-global";
    static final String ADMIN = "admin@it.tollgate.dev";
    static final String ADMIN_PASSWORD = "it-admin-password-1";

    private OAuthCalls() {
    }

    static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((encode(id) + ":" + encode(secret))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** POST with a raw body and content type, plus header name/value pairs. */
    static HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = LibertyServer.request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return LibertyServer.send(request.build());
    }

    static HttpResponse<String> postForm(String path, Map<String, String> params, String... headers) {
        return post(path, "application/x-www-form-urlencoded", form(params), headers);
    }

    static HttpResponse<String> postJson(String path, Map<String, String> params, String... headers) {
        return post(path, "application/json", JSONObjectUtils.toJSONString(new LinkedHashMap<>(params)), headers);
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** A 200 token response, with the headers RFC 6749 §5.1 requires. */
    static Map<String, Object> assertTokenResponse(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertNoStore(response);
        Map<String, Object> body = json(response);
        assertEquals("Bearer", body.get("token_type"));
        assertTrue(body.get("access_token") instanceof String);
        assertTrue(((Number) body.get("expires_in")).longValue() > 0);
        return body;
    }

    /** An RFC 6749 §5.2 error: status, no-store, and the error code. */
    static Map<String, Object> assertError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertNoStore(response);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> "Content-Type " + response.headers().firstValue("Content-Type"));
        Map<String, Object> body = json(response);
        assertEquals(error, body.get("error"), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
        return body;
    }

    static void assertBasicChallenge(HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
                () -> "WWW-Authenticate: " + response.headers().allValues("WWW-Authenticate"));
    }

    static void assertNoStore(HttpResponse<String> response) {
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("no-cache", response.headers().firstValue("Pragma").orElse(null));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
