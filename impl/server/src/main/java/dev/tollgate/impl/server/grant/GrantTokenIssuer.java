package dev.tollgate.impl.server.grant;

import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.token.AccessTokenClaims;
import dev.tollgate.impl.server.token.IdTokenClaims;
import dev.tollgate.impl.server.token.IssuedAccessToken;
import dev.tollgate.impl.server.token.TokenIssuer;
import dev.tollgate.impl.server.token.TokenSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Issues the tokens of a grant's response, which the grants share: an access token with the client's lifetime, a
 * refresh token for users of clients that may use the refresh_token grant, and an OpenID Connect ID Token for users
 * when {@code openid} is granted (authorization_code and password; not on refresh, which OpenID Connect Core §12.2
 * leaves optional). {@link TokenIssuer} signs them.
 */
public final class GrantTokenIssuer {

    private final TokenIssuer issuer;
    private final RefreshTokenStore refreshTokens;
    private final TokenSettings settings;

    public GrantTokenIssuer(TokenIssuer issuer, RefreshTokenStore refreshTokens, TokenSettings settings) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Duration accessTokenLifetime(Client client) {
        return client.accessTokenLifetime().orElse(settings.accessTokenLifetime());
    }

    public Duration refreshTokenLifetime(Client client) {
        return client.refreshTokenLifetime().orElse(settings.refreshTokenLifetime());
    }

    /** An access token for {@code subject}; {@code roles} empty for a client acting for itself. */
    public IssuedAccessToken accessToken(GrantContext context, String subject, Set<String> scope,
                                         Optional<Set<String>> roles) {
        Client client = context.client();
        return issuer.issue(new AccessTokenClaims(context.issuer(), subject, client.id().value(), scope,
                ScopePolicy.audience(scope, settings.defaultAudienceFor(context.issuer())), roles,
                accessTokenLifetime(client), context.dpopKey()));
    }

    /**
     * The key a new refresh token is bound to (RFC 9449 §5): a public client's DPoP key; none for a confidential
     * client, whose refresh tokens are bound to its authentication instead.
     */
    public static Optional<String> refreshTokenKey(GrantContext context) {
        return context.client().confidential() ? Optional.empty() : context.dpopKey();
    }

    /** The OpenID Connect scope value (Core §3.1.2.1): with it granted, the response carries an ID Token. */
    public static final String OPENID = "openid";

    /**
     * How the user authenticated, for the ID Token.
     *
     * @param authTime when; empty: just now, with this token request (the password grant)
     * @param nonce    the authentication request's nonce, if any
     */
    public record Authentication(Optional<Instant> authTime, Optional<String> nonce) {

        public static final Authentication NOW = new Authentication(Optional.empty(), Optional.empty());

        public Authentication {
            Objects.requireNonNull(authTime, "authTime");
            Objects.requireNonNull(nonce, "nonce");
        }
    }

    /**
     * The response to a user's grant: an access token, a new refresh-token family when the client may use the
     * refresh_token grant, and an ID Token when {@code openid} is granted.
     */
    public TokenResponse forUser(GrantContext context, String subject, Set<String> scope, Set<String> roles) {
        return forUser(context, subject, scope, roles, Optional.empty(), Authentication.NOW, access -> { });
    }

    /**
     * As {@link #forUser(GrantContext, String, Set, Set)}, with the refresh-token family id given (the
     * authorization code's), the user's authentication for the ID Token, and the issued access token reported to
     * {@code issued} before the response is built.
     */
    public TokenResponse forUser(GrantContext context, String subject, Set<String> scope, Set<String> roles,
                                 Optional<String> familyId, Authentication authentication,
                                 java.util.function.Consumer<IssuedAccessToken> issued) {
        IssuedAccessToken access = accessToken(context, subject, scope, Optional.of(roles));
        issued.accept(access);
        Client client = context.client();
        Optional<String> idToken = scope.contains(OPENID)
                ? Optional.of(issuer.issueIdToken(new IdTokenClaims(context.issuer(), subject, client.id().value(),
                        authentication.authTime().orElse(access.issuedAt()), authentication.nonce(),
                        accessTokenLifetime(client)), access.value()))
                : Optional.empty();
        if (!client.allowsGrant(GrantType.REFRESH_TOKEN)) {
            return new TokenResponse(access.value(), accessTokenLifetime(client), Optional.empty(), Optional.empty(),
                    scope, idToken);
        }
        Duration refreshLifetime = refreshTokenLifetime(client);
        // The refresh token records its access token, so that revoking the grant revokes both (RFC 7009 §2.1). A
        // public client's is bound to its DPoP key (RFC 9449 §5); a confidential client's is not, since the client
        // authenticates its refresh anyway.
        RefreshTokenStore.Issued refresh = refreshTokens.issue(familyId, client.id(), subject, scope,
                refreshLifetime, new RefreshTokenStore.AccessToken(access.jti(), access.expiresAt()),
                refreshTokenKey(context));
        return new TokenResponse(access.value(), accessTokenLifetime(client), Optional.of(refresh.token()),
                Optional.of(refreshLifetime), scope, idToken);
    }
}
