package dev.tollgate.api.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An access token obtained by the token client. {@link #toString()} never prints the token itself.
 *
 * @param value the token, to be sent as {@code Authorization: Bearer <value>} (or {@code DPoP <value>})
 * @param tokenType the {@code token_type} from the response: {@code Bearer}, or {@code DPoP} for a token bound to
 *     the client's DPoP key (RFC 9449 §5)
 * @param expiresAt when the token expires, if the response said ({@code expires_in})
 * @param scopes the granted scopes ({@code scope}); empty if the response did not say
 */
public record AccessToken(String value, String tokenType, Optional<Instant> expiresAt, Set<String> scopes) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        tokenType = tokenType == null ? "Bearer" : tokenType;
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    /**
     * The value of an {@code Authorization} header carrying this token: {@code Bearer <token>} (RFC 6750 §2.1), or
     * {@code DPoP <token>} for a DPoP-bound token (RFC 9449 §7.1), which also needs a {@code DPoP} proof header.
     */
    public String authorizationHeader() {
        return (tokenType.equalsIgnoreCase("DPoP") ? "DPoP " : "Bearer ") + value;
    }

    /** True when the token expires at or before {@code instant}. A token without expiry never expires. */
    public boolean expiresBefore(Instant instant) {
        return expiresAt.map(exp -> !exp.isAfter(instant)).orElse(false);
    }

    @Override
    public String toString() {
        return "AccessToken[type=" + tokenType + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("never")
                + ", scopes=" + scopes + ", value=***]";
    }
}
