package dev.tollgate.impl.server.protocol;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A successful token response (RFC 6749 §5.1), with the {@code refresh_expires_in} of the Snyk seed. Sent with
 * {@code Cache-Control: no-store} and {@code Pragma: no-cache}. {@link #toString()} prints no token.
 *
 * @param scope   the granted scope; omitted from the JSON when empty
 * @param idToken the OpenID Connect ID Token (Core §3.1.3.3), when {@code openid} was granted
 */
public record TokenResponse(String accessToken, Duration expiresIn, Optional<String> refreshToken,
                            Optional<Duration> refreshExpiresIn, Set<String> scope, Optional<String> idToken) {

    /** Without an ID Token. */
    public TokenResponse(String accessToken, Duration expiresIn, Optional<String> refreshToken,
                         Optional<Duration> refreshExpiresIn, Set<String> scope) {
        this(accessToken, expiresIn, refreshToken, refreshExpiresIn, scope, Optional.empty());
    }

    public TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshExpiresIn, "refreshExpiresIn");
        scope = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scope));
        Objects.requireNonNull(idToken, "idToken");
    }

    public Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", accessToken);
        json.put("token_type", "Bearer");
        json.put("expires_in", expiresIn.toSeconds());
        refreshToken.ifPresent(token -> json.put("refresh_token", token));
        refreshExpiresIn.ifPresent(lifetime -> json.put("refresh_expires_in", lifetime.toSeconds()));
        if (!scope.isEmpty()) {
            json.put("scope", String.join(" ", scope));
        }
        idToken.ifPresent(token -> json.put("id_token", token));
        return json;
    }

    public String toJson() {
        return JSONObjectUtils.toJSONString(toJsonObject());
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + ", refreshToken=" + refreshToken.map(t -> "redacted")
                .orElse("none") + ", scope=" + scope + ", idToken=" + idToken.map(t -> "redacted").orElse("none")
                + ']';
    }
}
