package dev.tollgate.impl.client;

import dev.tollgate.api.client.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A successful token response.
 *
 * @param accessToken the token, with its expiry computed from {@code expires_in} at receipt
 * @param expiresIn the lifetime the server gave, if any
 * @param refreshToken the refresh token, if one was issued
 * @param refreshExpiresIn the refresh token's lifetime ({@code refresh_expires_in}, non-standard), if given
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.1">RFC 6749 §5.1</a>
 */
record TokenResponse(AccessToken accessToken, Optional<Duration> expiresIn, Optional<Secret> refreshToken,
                     Optional<Duration> refreshExpiresIn) {

    /** Why a response could not be read; the message names the member, never its value. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static TokenResponse parse(Map<String, Object> json, Instant receivedAt) throws Malformed {
        // access_token (REQUIRED)
        String value = string(json, "access_token").orElseThrow(() -> new Malformed("no access_token"));
        // token_type (REQUIRED): we can only send Bearer tokens (RFC 6750); the value is case-insensitive.
        String tokenType = string(json, "token_type").orElse("Bearer");
        if (!tokenType.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new Malformed("unsupported token_type '" + printable(tokenType) + "'");
        }
        // expires_in (RECOMMENDED)
        Optional<Duration> expiresIn = seconds(json, "expires_in");
        // refresh_token (OPTIONAL)
        Optional<Secret> refreshToken = string(json, "refresh_token").map(Secret::new);
        Optional<Duration> refreshExpiresIn = seconds(json, "refresh_expires_in")
                .filter(d -> !d.isZero()); // Keycloak sends 0 for "does not expire"
        // scope (OPTIONAL if identical to the requested scope)
        Set<String> scopes = new LinkedHashSet<>();
        string(json, "scope").ifPresent(s -> scopes.addAll(Arrays.asList(s.trim().split("\\s+"))));
        scopes.remove("");
        AccessToken token = new AccessToken(value, "Bearer", expiresIn.map(receivedAt::plus), scopes);
        return new TokenResponse(token, expiresIn, refreshToken, refreshExpiresIn);
    }

    private static Optional<String> string(Map<String, Object> json, String member) throws Malformed {
        Object v = json.get(member);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new Malformed(member + " is not a string");
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** A number of seconds; some servers send it as a string of digits. */
    private static Optional<Duration> seconds(Map<String, Object> json, String member) throws Malformed {
        Object v = json.get(member);
        if (v == null) {
            return Optional.empty();
        }
        long secs;
        if (v instanceof Number n) {
            secs = n.longValue();
        } else if (v instanceof String s && s.trim().matches("\\d{1,12}")) {
            secs = Long.parseLong(s.trim());
        } else {
            throw new Malformed(member + " is not a number");
        }
        if (secs < 0) {
            throw new Malformed(member + " is negative");
        }
        return Optional.of(Duration.ofSeconds(secs));
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) : s;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
