package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.protocol.TokenRequest;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RefreshTokenStore.Issued;
import dev.tollgate.impl.server.store.RefreshTokenStore.Stored;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.token.IssuedAccessToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The refresh token grant (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): every use returns a new refresh token in
 * the same family. Its rules, in the order they are checked:
 *
 * <ol>
 *   <li>The token must be known and bound to this client (§6: "ensure that the refresh token was issued to the
 *       authenticated client"); else {@code invalid_grant}.</li>
 *   <li>A narrower {@code scope} may be asked for; a wider one is {@code invalid_scope} (§6), and leaves the token
 *       unused.</li>
 *   <li>It must be unrevoked and unexpired.</li>
 *   <li>An unused token is rotated: marked used and replaced, by the store's compare-and-set, so that of parallel
 *       rotations on any nodes one wins.</li>
 *   <li>A used token is exchanged again only within {@code tollgate.server.refresh-grace-period} after its first
 *       use (parallel refreshes of one client), for a successor of its own. Later it is a reuse: the whole family
 *       is revoked (RFC 9700 §4.14.2: the server "will revoke the active refresh token").</li>
 *   <li>The user must still exist and be enabled, else the family is revoked; the new access token carries the
 *       user's current roles.</li>
 * </ol>
 * An unknown, another client's, revoked, expired or reused token gets one and the same {@code invalid_grant}, so
 * that the client learns nothing more (§5.2).
 */
public final class RefreshTokenGrant {

    private static final Logger LOG = Logger.getLogger(RefreshTokenGrant.class.getName());

    private final UserStore users;
    private final RefreshTokenStore refreshTokens;
    private final GrantTokenIssuer tokens;
    private final Duration gracePeriod;
    private final Clock clock;

    /** @param gracePeriod how long after its first use a token may still be exchanged (parallel requests) */
    public RefreshTokenGrant(UserStore users, RefreshTokenStore refreshTokens, GrantTokenIssuer tokens,
                             Duration gracePeriod, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws OAuthException unauthorized_client, invalid_scope, invalid_grant */
    public TokenResponse handle(GrantContext context, TokenRequest.RefreshToken request) {
        Client client = context.client();
        if (!client.allowsGrant(request.grantType())) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "the client may not use the refresh_token grant");
        }
        Stored presented = refreshTokens.find(request.refreshToken())
                .filter(stored -> stored.clientId().equals(client.id()))
                .orElseThrow(RefreshTokenGrant::invalidToken);
        if (request.scope().isPresent() && !presented.scope().containsAll(request.scope().get())) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, "the scope exceeds the scope of the grant");
        }
        Instant now = clock.instant();
        if (presented.revokedAt().isPresent() || !now.isBefore(presented.expiresAt())) {
            throw invalidToken();
        }
        Duration lifetime = tokens.refreshTokenLifetime(client);
        Issued successor = rotate(request.refreshToken(), presented, request.scope().orElse(presented.scope()), now,
                lifetime);
        Stored next = successor.stored();
        Optional<User> user = users.findBySubject(next.subject()).filter(User::enabled);
        if (user.isEmpty()) {
            refreshTokens.revokeFamily(next.familyId());
            throw new OAuthException(OAuthError.INVALID_GRANT, "the refresh token is invalid");
        }
        Set<String> scope = next.scope();
        IssuedAccessToken access = tokens.accessToken(context, user.get().subject(), scope,
                Optional.of(user.get().roles()));
        return new TokenResponse(access.value(), tokens.accessTokenLifetime(client), Optional.of(successor.token()),
                Optional.of(lifetime), scope);
    }

    /**
     * The successor of a live token: rotated when unused, or another successor within the grace period. Else an
     * {@code invalid_grant}, once the family is revoked for the reuse.
     */
    private Issued rotate(String token, Stored presented, Set<String> scope, Instant now, Duration lifetime) {
        if (presented.usedAt().isEmpty()) {
            Optional<Issued> rotated = refreshTokens.rotate(presented, scope, now, lifetime);
            if (rotated.isPresent()) {
                return rotated.get();
            }
        }
        // Used before, or by another request between our read and our compare-and-set: judge it as a used token.
        // A compare-and-set that lost to a revocation or a purge instead leaves nothing to exchange.
        Stored used = presented.usedAt().isPresent() ? presented
                : refreshTokens.find(token).filter(stored -> stored.usedAt().isPresent())
                        .orElseThrow(RefreshTokenGrant::invalidToken);
        Instant firstUse = used.usedAt().orElseThrow();
        if (now.isBefore(firstUse.plus(gracePeriod)) && used.revokedAt().isEmpty()) {
            return refreshTokens.issueSuccessor(used, scope, now, lifetime);
        }
        int revoked = refreshTokens.revokeFamily(used.familyId());
        String family = used.familyId();
        LOG.warning(() -> "Refresh token reuse detected for client " + used.clientId().value() + ": revoked its"
                + " family (" + revoked + " tokens, family " + family.substring(0, 8) + "...)");
        throw invalidToken();
    }

    private static OAuthException invalidToken() {
        return new OAuthException(OAuthError.INVALID_GRANT, "the refresh token is invalid, expired or revoked");
    }
}
