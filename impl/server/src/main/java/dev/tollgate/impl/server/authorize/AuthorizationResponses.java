package dev.tollgate.impl.server.authorize;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.impl.server.token.Issuer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The redirect URIs of authorization responses: the client's redirect URI with the response parameters added to
 * its query in {@code application/x-www-form-urlencoded} (RFC 6749 §4.1.2, keeping any query it already has,
 * §3.1.2), always with {@code iss} (RFC 9207 §2).
 */
public final class AuthorizationResponses {

    private AuthorizationResponses() {
    }

    /** §4.1.2: {@code code}, {@code state} (if the request had one), {@code iss}. */
    public static URI success(String redirectUri, String code, Optional<String> state, Issuer issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        state.ifPresent(value -> parameters.put("state", value));
        parameters.put("iss", issuer.value());
        return withQuery(redirectUri, parameters);
    }

    /** §4.1.2.1: {@code error}, {@code error_description}, {@code state} (if any), {@code iss}. */
    public static URI error(String redirectUri, OAuthError error, String description, Optional<String> state,
                            Issuer issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error.code());
        parameters.put("error_description", description);
        state.ifPresent(value -> parameters.put("state", value));
        parameters.put("iss", issuer.value());
        return withQuery(redirectUri, parameters);
    }

    static URI withQuery(String redirectUri, Map<String, String> parameters) {
        StringBuilder uri = new StringBuilder(redirectUri);
        char separator = redirectUri.indexOf('?') < 0 ? '?' : '&';
        if (redirectUri.endsWith("?") || redirectUri.endsWith("&")) {
            separator = 0;
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (separator != 0) {
                uri.append(separator);
            }
            uri.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(uri.toString());
    }
}
