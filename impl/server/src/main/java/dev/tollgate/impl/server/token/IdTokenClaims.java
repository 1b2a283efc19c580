package dev.tollgate.impl.server.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an ID Token says (OpenID Connect Core 1.0 §2), before the issuer adds {@code iat}, {@code exp} and
 * {@code at_hash}.
 *
 * @param clientId the client it is for: its only {@code aud} (§2 "It MUST contain the OAuth 2.0 client_id")
 * @param authTime when the user authenticated ({@code auth_time})
 * @param nonce    the authentication request's {@code nonce}, passed through unchanged (§3.1.3.6: "MUST be
 *                 present with the same value"), absent when the request had none
 * @param lifetime the ID Token's lifetime: the access token's, so that they expire together
 */
public record IdTokenClaims(String issuer, String subject, String clientId, Instant authTime, Optional<String> nonce,
                            Duration lifetime) {

    public IdTokenClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(lifetime, "lifetime");
    }
}
