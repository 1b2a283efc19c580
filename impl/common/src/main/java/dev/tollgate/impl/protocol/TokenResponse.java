package dev.tollgate.impl.protocol;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A successful token response (RFC 6749 §5.1), with the {@code refresh_expires_in} of the Snyk seed and the OpenID
 * Connect {@code id_token}. A server sends it with {@code Cache-Control: no-store}. Lifetimes are whole seconds, as
 * on the wire. {@link #toString()} prints no token.
 *
 * @param accessToken      {@code access_token} (REQUIRED)
 * @param tokenType        {@code token_type} (REQUIRED), case-insensitive (RFC 6749 §7.1); {@code Bearer} when a
 *                         server leaves it out
 * @param expiresIn        {@code expires_in} (RECOMMENDED)
 * @param refreshToken     {@code refresh_token} (OPTIONAL)
 * @param refreshExpiresIn {@code refresh_expires_in}: not in RFC 6749; Snyk and Keycloak give the refresh token's
 *                         lifetime with it (Keycloak sends 0 for "does not expire")
 * @param scope            {@code scope} (OPTIONAL if identical to the requested scope, RFC 6749 §3.3), omitted when
 *                         empty
 * @param idToken          {@code id_token}: OpenID Connect Core §3.1.3.3
 */
@Schema(name = "TokenResponse", requiredProperties = {"access_token", "token_type", "expires_in"},
        description = "A successful token response (RFC 6749 §5.1), sent with `Cache-Control: no-store`.")
public record TokenResponse(
        @Schema(name = "access_token", description = "An RFC 9068 JWT (`typ: at+jwt`).")
        String accessToken,
        @Schema(name = "token_type", enumeration = {"Bearer", "DPoP"},
                description = "`DPoP` when the request carried a DPoP proof (RFC 9449 §5).")
        String tokenType,
        @Schema(name = "expires_in", implementation = Long.class, nullable = false,
                description = "Seconds until the access token expires.")
        Optional<Duration> expiresIn,
        @Schema(name = "refresh_token", implementation = String.class, nullable = false,
                description = "For users (password, authorization_code, refresh_token grants); opaque.")
        Optional<String> refreshToken,
        @Schema(name = "refresh_expires_in", implementation = Long.class, nullable = false,
                description = "Seconds until the refresh token expires.")
        Optional<Duration> refreshExpiresIn,
        @Schema(name = "scope", implementation = String.class,
                description = "The granted scopes, space-separated; absent when none.")
        Set<String> scope,
        @Schema(name = "id_token", implementation = String.class, nullable = false,
                description = "An OpenID Connect ID Token, when `openid` was granted to a user.")
        Optional<String> idToken) {

    private static final String BEARER = "Bearer";

    public TokenResponse {
        accessToken = nonEmpty(accessToken, "accessToken");
        tokenType = nonEmpty(tokenType, "tokenType");
        expiresIn = wholeSeconds(expiresIn, "expiresIn");
        refreshToken = nonEmpty(refreshToken, "refreshToken");
        refreshExpiresIn = wholeSeconds(refreshExpiresIn, "refreshExpiresIn");
        Set<String> tokens = new LinkedHashSet<>();
        for (String token : scope) {
            // RFC 6749 §3.3: space-delimited scope-tokens, so a token holds no space
            if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a scope token is empty or holds a space");
            }
            tokens.add(token);
        }
        scope = Collections.unmodifiableSet(tokens);
        idToken = nonEmpty(idToken, "idToken");
    }

    /** A Bearer token with its lifetime, as this server issues it; without an ID Token. */
    public TokenResponse(String accessToken, Duration expiresIn, Optional<String> refreshToken,
                         Optional<Duration> refreshExpiresIn, Set<String> scope) {
        this(accessToken, expiresIn, refreshToken, refreshExpiresIn, scope, Optional.empty());
    }

    /** A Bearer token with its lifetime, as this server issues it. */
    public TokenResponse(String accessToken, Duration expiresIn, Optional<String> refreshToken,
                         Optional<Duration> refreshExpiresIn, Set<String> scope, Optional<String> idToken) {
        this(accessToken, BEARER, Optional.of(expiresIn), refreshToken, refreshExpiresIn, scope, idToken);
    }

    /** @throws MessageParseException not a JSON object, no {@code access_token}, or a member of the wrong type */
    public static TokenResponse parse(String json) throws MessageParseException {
        return parse(JsonMembers.parse("token response", json));
    }

    /** @throws MessageParseException no {@code access_token}, or a member of the wrong type */
    public static TokenResponse parse(Map<String, Object> json) throws MessageParseException {
        return parse(JsonMembers.of("token response", json));
    }

    private static TokenResponse parse(JsonMembers json) throws MessageParseException {
        Set<String> scope = new LinkedHashSet<>();
        // split on every character the record refuses in a scope-token, not only regex \s (e.g. U+001C, U+2003)
        json.string("scope").ifPresent(value -> scope.addAll(Arrays.asList(value.split("\\p{javaWhitespace}+"))));
        scope.remove("");
        return new TokenResponse(
                json.requiredString("access_token"),
                json.string("token_type").orElse(BEARER),
                json.seconds("expires_in"),
                json.string("refresh_token"),
                json.seconds("refresh_expires_in"),
                scope,
                json.string("id_token"));
    }

    /** Whether {@code token_type} is {@code Bearer} (RFC 6750), compared case-insensitively. */
    public boolean bearer() {
        return tokenType.equalsIgnoreCase(BEARER);
    }

    /** The members in the order of RFC 6749 §5.1, then the extensions; absent ones left out. */
    public Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", accessToken);
        json.put("token_type", tokenType);
        expiresIn.ifPresent(lifetime -> json.put("expires_in", lifetime.toSeconds()));
        refreshToken.ifPresent(token -> json.put("refresh_token", token));
        refreshExpiresIn.ifPresent(lifetime -> json.put("refresh_expires_in", lifetime.toSeconds()));
        if (!scope.isEmpty()) {
            json.put("scope", String.join(" ", scope));
        }
        idToken.ifPresent(token -> json.put("id_token", token));
        return json;
    }

    public String toJson() {
        return JsonMembers.toJson(toJsonObject());
    }

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn.map(Duration::toString)
                .orElse("none") + ", refreshToken=" + refreshToken.map(t -> "redacted").orElse("none")
                + ", refreshExpiresIn=" + refreshExpiresIn.map(Duration::toString).orElse("none") + ", scope="
                + scope + ", idToken=" + idToken.map(t -> "redacted").orElse("none") + ']';
    }

    private static String nonEmpty(String value, String name) {
        if (Objects.requireNonNull(value, name).isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return value;
    }

    private static Optional<String> nonEmpty(Optional<String> value, String name) {
        Objects.requireNonNull(value, name).ifPresent(v -> nonEmpty(v, name));
        return value;
    }

    /** The wire carries whole seconds: anything finer is dropped here, so that a round trip gives an equal record. */
    private static Optional<Duration> wholeSeconds(Optional<Duration> lifetime, String name) {
        Objects.requireNonNull(lifetime, name).ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " is negative");
            }
        });
        return lifetime.map(d -> Duration.ofSeconds(d.getSeconds()));
    }
}
