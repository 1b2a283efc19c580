package dev.tollgate.impl.server.token;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an access token says (RFC 9068 §2.2), before the issuer adds {@code iat}, {@code exp} and {@code jti}.
 *
 * @param subject  a user's opaque, stable subject (the user's id, OpenID Connect Core 1.0 §2: never the email, which
 *                 changes and would tell every resource server who the person is) or, for client_credentials, the
 *                 client id
 * @param roles    the user's roles, whatever the scope: resource servers decide on them (RFC 9068 §2.2.3.1); empty
 *                 (and no {@code roles} claim) for a client acting for itself
 * @param audience the {@code aud} values, at least one
 * @param boundKey the JWK SHA-256 thumbprint of the key the token is bound to, put in {@code cnf.jkt}
 *                 (RFC 9449 §6.1); empty for a Bearer token
 */
public record AccessTokenClaims(String issuer, String subject, String clientId, Set<String> scope,
                                List<String> audience, Optional<Set<String>> roles, Duration lifetime,
                                Optional<String> boundKey) {

    /** A Bearer token's claims. */
    public AccessTokenClaims(String issuer, String subject, String clientId, Set<String> scope,
                             List<String> audience, Optional<Set<String>> roles, Duration lifetime) {
        this(issuer, subject, clientId, scope, audience, roles, lifetime, Optional.empty());
    }

    public AccessTokenClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        scope = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scope));
        audience = List.copyOf(audience);
        if (audience.isEmpty()) {
            throw new IllegalArgumentException("an access token needs an audience (RFC 9068 §2.2)");
        }
        roles = roles.map(r -> java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(r)));
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(boundKey, "boundKey");
    }
}
