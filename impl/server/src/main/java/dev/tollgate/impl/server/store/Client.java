package dev.tollgate.impl.server.store;

import dev.tollgate.impl.protocol.GrantType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A client as stored (not deleted). Its secret hash stays inside {@link ClientStore}: check a secret with
 * {@link ClientStore#authenticate}.
 *
 * @param confidential it has a secret; a public client has none
 * @param dpopBoundAccessTokens RFC 9449 §5.2: its token requests must carry a DPoP proof
 */
public record Client(ClientId id, String name, boolean confidential, List<String> redirectUris,
                     Set<GrantType> grantTypes, Set<String> scopes, boolean global, boolean skipConsent,
                     boolean declared, Optional<String> owner, Optional<Duration> accessTokenLifetime,
                     Optional<Duration> refreshTokenLifetime, Instant createdAt, Instant updatedAt,
                     boolean dpopBoundAccessTokens) {

    /** Without {@code dpop_bound_access_tokens}. */
    public Client(ClientId id, String name, boolean confidential, List<String> redirectUris,
                  Set<GrantType> grantTypes, Set<String> scopes, boolean global, boolean skipConsent,
                  boolean declared, Optional<String> owner, Optional<Duration> accessTokenLifetime,
                  Optional<Duration> refreshTokenLifetime, Instant createdAt, Instant updatedAt) {
        this(id, name, confidential, redirectUris, grantTypes, scopes, global, skipConsent, declared, owner,
                accessTokenLifetime, refreshTokenLifetime, createdAt, updatedAt, false);
    }

    public Client {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        redirectUris = List.copyOf(redirectUris);
        grantTypes = Set.copyOf(grantTypes);
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean allowsGrant(GrantType grantType) {
        return grantTypes.contains(grantType);
    }

    /** Exact string match (RFC 6749 §3.1.2.3; OAuth 2.1 §2.3.1 requires it). */
    public boolean hasRedirectUri(String redirectUri) {
        return redirectUris.contains(redirectUri);
    }
}
