package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.protocol.TokenRequest;
import dev.tollgate.impl.server.protocol.TokenResponse;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RefreshTokenStore.Rotation;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.token.IssuedAccessToken;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The refresh token grant (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): every use returns a new refresh token in
 * the same family; see {@link RefreshTokenStore#rotate} for reuse detection and the grace period.
 *
 * <ul>
 *   <li>The token is bound to the client it was issued to: another client gets {@code invalid_grant}.</li>
 *   <li>A narrower {@code scope} may be asked for; a wider one is {@code invalid_scope} (§6).</li>
 *   <li>The user must still exist and be enabled; the new access token carries the user's current roles.</li>
 * </ul>
 */
public final class RefreshTokenGrant {

    private final UserStore users;
    private final GrantTokenIssuer tokens;

    public RefreshTokenGrant(UserStore users, GrantTokenIssuer tokens) {
        this.users = Objects.requireNonNull(users, "users");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** @throws OAuthException unauthorized_client, invalid_scope, invalid_grant */
    public TokenResponse handle(GrantContext context, TokenRequest.RefreshToken request) {
        Client client = context.client();
        if (!client.allowsGrant(request.grantType())) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "the client may not use the refresh_token grant");
        }
        RefreshTokenStore store = tokens.refreshTokens();
        if (request.scope().isPresent()) {
            // Checked before rotating, so that a refused scope does not use up the token.
            Optional<RefreshTokenStore.Stored> presented = store.find(request.refreshToken());
            if (presented.isPresent() && presented.get().clientId().equals(client.id())
                    && !presented.get().scope().containsAll(request.scope().get())) {
                throw new OAuthException(OAuthError.INVALID_SCOPE, "the scope exceeds the scope of the grant");
            }
        }
        Duration lifetime = tokens.refreshTokenLifetime(client);
        Rotation rotation = store.rotate(request.refreshToken(), client.id(), request.scope(), lifetime,
                tokens.settings().refreshGracePeriod());
        if (rotation instanceof Rotation.Rotated rotated) {
            RefreshTokenStore.Stored next = rotated.successor().stored();
            Optional<User> user = users.findByEmail(next.subject()).filter(User::enabled);
            if (user.isEmpty()) {
                store.revokeFamily(next.familyId());
                throw new OAuthException(OAuthError.INVALID_GRANT, "the refresh token is invalid");
            }
            Set<String> scope = next.scope();
            IssuedAccessToken access = tokens.accessToken(context, next.subject(), scope,
                    Optional.of(user.get().roles()));
            return new TokenResponse(access.value(), tokens.accessTokenLifetime(client),
                    Optional.of(rotated.successor().token()), Optional.of(lifetime), scope);
        }
        // Rejected or ReuseDetected: the same answer, so that the client learns nothing more (RFC 6749 §5.2).
        throw new OAuthException(OAuthError.INVALID_GRANT, "the refresh token is invalid, expired or revoked");
    }
}
