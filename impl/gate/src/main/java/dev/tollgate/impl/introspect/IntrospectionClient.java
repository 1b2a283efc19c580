package dev.tollgate.impl.introspect;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Calls the RFC 7662 introspection endpoint: one long-lived {@link HttpClient} with a connect timeout, a per-request
 * timeout, client_secret_basic, and a bounded response size.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.1">RFC 7662 §2.1</a>
 */
final class IntrospectionClient {

    /** The endpoint could not give an answer: unreachable, timed out, not 200, or not a JSON object. */
    static final class UnavailableException extends Exception {
        UnavailableException(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Logger LOG = Logger.getLogger(IntrospectionClient.class.getName());
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final IntrospectionConfig config;
    private final HttpClient http;
    private final String authorization;
    private final AtomicBoolean warnedAboutCredentials = new AtomicBoolean();

    IntrospectionClient(IntrospectionConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // RFC 6749 §2.3.1: the client id and secret are form-encoded, then Base64-encoded.
        String pair = form(config.clientId()) + ":" + form(config.clientSecret());
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The endpoint's JSON answer; {@code active} is checked by the caller. */
    Map<String, Object> introspect(String token) throws UnavailableException {
        // token (REQUIRED), token_type_hint (OPTIONAL)
        String body = "token=" + form(token) + "&token_type_hint=access_token";
        HttpRequest request = HttpRequest.newBuilder(config.endpoint())
                .timeout(config.readTimeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UnavailableException("introspection endpoint unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted");
        }
        try (InputStream in = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                if ((status == 401 || status == 403) && warnedAboutCredentials.compareAndSet(false, true)) {
                    LOG.warning(() -> "Tollgate gate: the introspection endpoint refused the gate's client credentials"
                            + " (HTTP " + status + "); check tollgate.gate.introspection.client-id and client-secret");
                }
                throw new UnavailableException("introspection endpoint answered HTTP " + status);
            }
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new UnavailableException("introspection response too large");
            }
            Map<String, Object> answer = JSONObjectUtils.parse(new String(bytes, StandardCharsets.UTF_8));
            if (answer == null) {
                // JSONObjectUtils.parse answers the JSON literal null with null
                throw new UnavailableException("introspection response is not a JSON object");
            }
            return answer;
        } catch (IOException e) {
            throw new UnavailableException("introspection response unreadable: " + e.getClass().getSimpleName());
        } catch (ParseException e) {
            throw new UnavailableException("introspection response is not a JSON object");
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
