package dev.tollgate.impl.server.grant;

import dev.tollgate.impl.server.protocol.TokenResponse;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.GrantType;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.token.AccessTokenClaims;
import dev.tollgate.impl.server.token.IssuedAccessToken;
import dev.tollgate.impl.server.token.TokenIssuer;
import dev.tollgate.impl.server.token.TokenSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the grants share: an access token with the client's lifetime, and a refresh token for users of clients
 * that may use the refresh_token grant.
 */
public final class Tokens {

    private final TokenIssuer issuer;
    private final RefreshTokenStore refreshTokens;
    private final TokenSettings settings;

    public Tokens(TokenIssuer issuer, RefreshTokenStore refreshTokens, TokenSettings settings) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public TokenSettings settings() {
        return settings;
    }

    public RefreshTokenStore refreshTokens() {
        return refreshTokens;
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
                accessTokenLifetime(client)));
    }

    /**
     * The response to a user's grant: an access token, and a new refresh-token family when the client may use
     * the refresh_token grant.
     */
    public TokenResponse forUser(GrantContext context, String subject, Set<String> scope, Set<String> roles) {
        return forUser(context, subject, scope, roles, Optional.empty(), access -> { });
    }

    /**
     * As {@link #forUser(GrantContext, String, Set, Set)}, with the refresh-token family id given (the
     * authorization code's) and the issued access token reported to {@code issued} before the response is built.
     */
    public TokenResponse forUser(GrantContext context, String subject, Set<String> scope, Set<String> roles,
                                 Optional<String> familyId, java.util.function.Consumer<IssuedAccessToken> issued) {
        IssuedAccessToken access = accessToken(context, subject, scope, Optional.of(roles));
        issued.accept(access);
        Client client = context.client();
        if (!client.allowsGrant(GrantType.REFRESH_TOKEN)) {
            return new TokenResponse(access.value(), accessTokenLifetime(client), Optional.empty(), Optional.empty(),
                    scope);
        }
        Duration refreshLifetime = refreshTokenLifetime(client);
        RefreshTokenStore.Issued refresh = familyId.isPresent()
                ? refreshTokens.issueInFamily(familyId.get(), client.id(), subject, scope, refreshLifetime)
                : refreshTokens.issue(client.id(), subject, scope, refreshLifetime);
        return new TokenResponse(access.value(), accessTokenLifetime(client), Optional.of(refresh.token()),
                Optional.of(refreshLifetime), scope);
    }
}
