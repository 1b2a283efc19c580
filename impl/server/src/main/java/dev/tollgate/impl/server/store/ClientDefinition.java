package dev.tollgate.impl.server.store;

import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.secret.StoredSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that defines a client, as written by {@link ClientStore#upsert}: from a declaration at start-up or
 * from a registration. The constructor enforces the rules that hold for every client; each violation is a
 * {@link ClientDefinitionException} naming the field.
 *
 * @param secretHash           the stored form of the client secret (see {@link StoredSecret}); empty for a public
 *                             client
 * @param redirectUris         absolute URIs without fragment (RFC 6749 §3.1.2), matched exactly
 * @param global               a first-party client, listed publicly
 * @param declared             defined by the server's configuration rather than registered
 * @param owner                the login name (normalized email) of the user who registered it
 * @param accessTokenLifetime  empty: the server's default
 * @param refreshTokenLifetime empty: the server's default
 * @param authMethod           the {@code token_endpoint_auth_method} the client must use (RFC 7591 §2); empty: a
 *                             confidential client may use either secret method
 * @param jwks                 a {@code private_key_jwt} client's public keys (RFC 7591 §2 {@code jwks}), as a JWK Set
 *                             already checked by {@code ClientJwks}
 * @param jwksUri              where a {@code private_key_jwt} client's keys are fetched instead (RFC 7591 §2
 *                             {@code jwks_uri}); never together with {@code jwks}
 * @param requirePushedRequests RFC 9126 §6 {@code require_pushed_authorization_requests}: the client starts an
 *                             authorization only with a {@code request_uri} from the PAR endpoint
 */
public record ClientDefinition(ClientId id, String name, Optional<StoredSecret> secretHash, List<String> redirectUris,
                               Set<GrantType> grantTypes, Set<String> scopes, boolean global, boolean skipConsent,
                               boolean declared, Optional<String> owner, Optional<Duration> accessTokenLifetime,
                               Optional<Duration> refreshTokenLifetime, Optional<ClientAuthMethod> authMethod,
                               boolean dpopBoundAccessTokens, Optional<String> jwks, Optional<String> jwksUri,
                               boolean requirePushedRequests) {

    /** Without {@code dpop_bound_access_tokens} (RFC 9449 §5.2), keys (RFC 7523) or required PAR (RFC 9126). */
    public ClientDefinition(ClientId id, String name, Optional<StoredSecret> secretHash, List<String> redirectUris,
                            Set<GrantType> grantTypes, Set<String> scopes, boolean global, boolean skipConsent,
                            boolean declared, Optional<String> owner, Optional<Duration> accessTokenLifetime,
                            Optional<Duration> refreshTokenLifetime, Optional<ClientAuthMethod> authMethod) {
        this(id, name, secretHash, redirectUris, grantTypes, scopes, global, skipConsent, declared, owner,
                accessTokenLifetime, refreshTokenLifetime, authMethod, false, Optional.empty(), Optional.empty(),
                false);
    }

    public static final int MAX_NAME_LENGTH = 255;
    /** The column widths of V1: the space-separated lists must fit. */
    static final int MAX_REDIRECT_URIS_LENGTH = 4000;
    static final int MAX_SCOPES_LENGTH = 2000;

    public ClientDefinition {
        Objects.requireNonNull(id, "id");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new ClientDefinitionException("name", "must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
        DisplayText.firstUnsafe(name).ifPresent(codePoint -> {
            throw new ClientDefinitionException("name",
                    "must not contain control, bidirectional or invisible formatting characters (found " + codePoint
                            + ")");
        });
        name = name.strip();
        secretHash = Objects.requireNonNull(secretHash, "secretHash");
        redirectUris = List.copyOf(new LinkedHashSet<>(redirectUris));
        redirectUris.forEach(ClientDefinition::checkRedirectUri);
        if (String.join(" ", redirectUris).length() > MAX_REDIRECT_URIS_LENGTH) {
            throw new ClientDefinitionException("redirect-uris", "too many or too long");
        }
        if (grantTypes.isEmpty()) {
            throw new ClientDefinitionException("grants", "at least one grant is required");
        }
        grantTypes = Collections.unmodifiableSet(EnumSet.copyOf(grantTypes));
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        scopes.forEach(ClientDefinition::checkScope);
        if (String.join(" ", scopes).length() > MAX_SCOPES_LENGTH) {
            throw new ClientDefinitionException("scopes", "too many or too long");
        }
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(jwksUri, "jwksUri");
        boolean keyClient = authMethod.equals(Optional.of(ClientAuthMethod.PRIVATE_KEY_JWT));
        if (keyClient) {
            if (secretHash.isPresent()) {
                throw new ClientDefinitionException("token-endpoint-auth-method",
                        "a private_key_jwt client has no secret");
            }
            if (jwks.isPresent() == jwksUri.isPresent()) {
                throw new ClientDefinitionException("jwks",
                        "a private_key_jwt client needs either jwks or jwks_uri, not both (RFC 7591 §2)");
            }
        } else if (jwks.isPresent() || jwksUri.isPresent()) {
            throw new ClientDefinitionException("jwks", "only a private_key_jwt client registers keys");
        }
        if (secretHash.isEmpty() && !keyClient && grantTypes.contains(GrantType.CLIENT_CREDENTIALS)) {
            throw new ClientDefinitionException("grants",
                    "a public client (no secret) cannot use client_credentials");
        }
        if (grantTypes.contains(GrantType.AUTHORIZATION_CODE) && redirectUris.isEmpty()) {
            throw new ClientDefinitionException("redirect-uris", "authorization_code needs at least one redirect URI");
        }
        owner = Objects.requireNonNull(owner, "owner");
        accessTokenLifetime = checkLifetime("access-token-lifetime", accessTokenLifetime);
        refreshTokenLifetime = checkLifetime("refresh-token-lifetime", refreshTokenLifetime);
        if (authMethod.isPresent() && !keyClient && authMethod.get().confidential() != secretHash.isPresent()) {
            throw new ClientDefinitionException("token-endpoint-auth-method", secretHash.isPresent()
                    ? "a client with a secret must authenticate with it" : "a public client can only use none");
        }
    }

    /** A client that authenticates: with a secret, or with a key ({@code private_key_jwt}). */
    public boolean confidential() {
        return secretHash.isPresent() || authMethod.equals(Optional.of(ClientAuthMethod.PRIVATE_KEY_JWT));
    }

    /** This definition with another stored form of its secret (a declared secret, salted before it is stored). */
    public ClientDefinition withSecretHash(StoredSecret stored) {
        return new ClientDefinition(id, name, Optional.of(stored), redirectUris, grantTypes, scopes, global,
                skipConsent, declared, owner, accessTokenLifetime, refreshTokenLifetime, authMethod,
                dpopBoundAccessTokens, jwks, jwksUri, requirePushedRequests);
    }

    public static Builder builder(ClientId id) {
        return new Builder(id);
    }

    private static void checkRedirectUri(String uri) {
        if (uri.isEmpty() || uri.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
            throw new ClientDefinitionException("redirect-uris", "a redirect URI must not be empty or contain spaces");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new ClientDefinitionException("redirect-uris", "not a valid URI");
        }
        if (!parsed.isAbsolute() || parsed.getRawFragment() != null || uri.contains("#")) {
            throw new ClientDefinitionException("redirect-uris",
                    "a redirect URI must be absolute and have no fragment (RFC 6749 §3.1.2)");
        }
        if (parsed.getRawUserInfo() != null) {
            throw new ClientDefinitionException("redirect-uris",
                    "a redirect URI must not contain user information (user@host)");
        }
    }

    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static void checkScope(String scope) {
        if (scope.isEmpty() || !scope.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B)
                || (c >= 0x5D && c <= 0x7E))) {
            throw new ClientDefinitionException("scopes", "a scope is 1 or more of the characters RFC 6749 §3.3 allows");
        }
    }

    private static Optional<Duration> checkLifetime(String field, Optional<Duration> lifetime) {
        Objects.requireNonNull(lifetime, field);
        lifetime.ifPresent(value -> {
            if (value.isNegative() || value.isZero() || value.getNano() != 0 || value.getSeconds() > Integer.MAX_VALUE) {
                throw new ClientDefinitionException(field, "must be a positive whole number of seconds");
            }
        });
        return lifetime;
    }

    /** Fluent construction; {@link #build()} runs the checks. */
    public static final class Builder {

        private final ClientId id;
        private String name;
        private StoredSecret secretHash;
        private List<String> redirectUris = List.of();
        private Set<GrantType> grantTypes = Set.of();
        private Set<String> scopes = Set.of();
        private boolean global;
        private boolean skipConsent;
        private boolean declared;
        private String owner;
        private Duration accessTokenLifetime;
        private Duration refreshTokenLifetime;
        private ClientAuthMethod authMethod;
        private boolean dpopBoundAccessTokens;
        private String jwks;
        private String jwksUri;
        private boolean requirePushedRequests;

        private Builder(ClientId id) {
            this.id = Objects.requireNonNull(id, "id");
            this.name = id.value();
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** A confidential client; {@code null} makes it public. */
        public Builder secretHash(StoredSecret secretHash) {
            this.secretHash = secretHash;
            return this;
        }

        public Builder redirectUris(Collection<String> redirectUris) {
            this.redirectUris = List.copyOf(redirectUris);
            return this;
        }

        public Builder grantTypes(Collection<GrantType> grantTypes) {
            this.grantTypes = Set.copyOf(grantTypes);
            return this;
        }

        public Builder grantTypes(GrantType... grantTypes) {
            return grantTypes(List.of(grantTypes));
        }

        public Builder scopes(Collection<String> scopes) {
            this.scopes = new LinkedHashSet<>(scopes);
            return this;
        }

        public Builder global(boolean global) {
            this.global = global;
            return this;
        }

        public Builder skipConsent(boolean skipConsent) {
            this.skipConsent = skipConsent;
            return this;
        }

        public Builder declared(boolean declared) {
            this.declared = declared;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        public Builder accessTokenLifetime(Duration lifetime) {
            this.accessTokenLifetime = lifetime;
            return this;
        }

        public Builder refreshTokenLifetime(Duration lifetime) {
            this.refreshTokenLifetime = lifetime;
            return this;
        }

        /** The one method the client may authenticate with; null: either secret method. */
        public Builder authMethod(ClientAuthMethod authMethod) {
            this.authMethod = authMethod;
            return this;
        }

        /** RFC 9449 §5.2 {@code dpop_bound_access_tokens}: every token request must carry a DPoP proof. */
        public Builder dpopBoundAccessTokens(boolean dpopBoundAccessTokens) {
            this.dpopBoundAccessTokens = dpopBoundAccessTokens;
            return this;
        }

        /** A private_key_jwt client's public JWK Set, checked by {@code ClientJwks}; null: none. */
        public Builder jwks(String jwks) {
            this.jwks = jwks;
            return this;
        }

        /** Where a private_key_jwt client's keys are fetched; null: none. */
        public Builder jwksUri(String jwksUri) {
            this.jwksUri = jwksUri;
            return this;
        }

        public Builder requirePushedRequests(boolean requirePushedRequests) {
            this.requirePushedRequests = requirePushedRequests;
            return this;
        }

        public ClientDefinition build() {
            return new ClientDefinition(id, name, Optional.ofNullable(secretHash), redirectUris, grantTypes, scopes,
                    global, skipConsent, declared, Optional.ofNullable(owner), Optional.ofNullable(accessTokenLifetime),
                    Optional.ofNullable(refreshTokenLifetime), Optional.ofNullable(authMethod), dpopBoundAccessTokens,
                    Optional.ofNullable(jwks), Optional.ofNullable(jwksUri), requirePushedRequests);
        }
    }
}
