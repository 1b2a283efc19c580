package dev.tollgate.impl.server.revocation;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.jwt.CompactJws;
import dev.tollgate.impl.server.protocol.AuthenticatedRequest;
import dev.tollgate.impl.server.protocol.ClientAuthenticator;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RefreshTokenStore.Stored;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import dev.tollgate.impl.server.token.AccessTokenVerifier;
import dev.tollgate.impl.server.token.AccessTokenVerifier.Verified;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Token revocation (RFC 7009 §2).
 *
 * <ul>
 *   <li>The client authenticates as at the token endpoint; a public client names itself with {@code client_id}
 *       and may revoke its own tokens (§2.1 allows it).</li>
 *   <li>A refresh token revokes its whole family, and the access tokens issued with it go on the deny-list (§2.1:
 *       "... SHOULD also invalidate all access tokens based on the same authorization grant"); the gate of every
 *       node refuses them within {@code tollgate.server.revocation-cache}, this node's at once.</li>
 *   <li>An access token of ours (signature verified) goes on the deny-list until its {@code exp}.</li>
 *   <li>Both are tried, whatever {@code token_type_hint} says (§2.1: the hint only orders the search).</li>
 *   <li>An unknown, invalid or expired token is answered like a revoked one: 200 and nothing changed (§2.2:
 *       "invalid tokens do not cause an error response").</li>
 *   <li>A live token of ours issued to another client is refused and nothing is revoked (§2.1: the server
 *       "verifies whether the token was issued to the client making the revocation request. If this validation
 *       fails, the request is refused and the client is informed of the error"). The error is RFC 6749 §5.2's, as
 *       §2.2.1 says; of its codes, {@code invalid_grant} is the one defined for a grant or refresh token that "was
 *       issued to another client" ({@code invalid_client} would claim the client's own authentication failed, and
 *       {@code unsupported_token_type} that the server cannot revoke such tokens at all).</li>
 * </ul>
 */
public final class RevocationEndpoint {

    private final ClientAuthenticator authenticator;
    private final RefreshTokenStore refreshTokens;
    private final RevokedAccessTokenStore denyList;
    private final AccessTokenVerifier verifier;
    private final Optional<JdbcRevocationChecker> localChecker;
    private final Clock clock;

    public RevocationEndpoint(ClientAuthenticator authenticator, RefreshTokenStore refreshTokens,
                              RevokedAccessTokenStore denyList, AccessTokenVerifier verifier,
                              Optional<JdbcRevocationChecker> localChecker, Clock clock) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.denyList = Objects.requireNonNull(denyList, "denyList");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.localChecker = Objects.requireNonNull(localChecker, "localChecker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws OAuthException invalid_request (malformed, no token), invalid_client, invalid_grant (not yours) */
    public void revoke(Optional<String> authorization, String contentType, String body) {
        AuthenticatedRequest request = authenticator.authenticate(authorization, contentType, body, Set.of(), true);
        Client client = request.client();
        // token (REQUIRED); token_type_hint (OPTIONAL) is not needed: the token's form tells which kind it is.
        String token = request.required("token");
        // Our refresh tokens are base64url without dots; our access tokens are compact JWS (two dots).
        if (CompactJws.hasThreeParts(token)) {
            revokeAccessToken(client, token);
        } else {
            revokeRefreshToken(client, token);
        }
    }

    private void revokeAccessToken(Client client, String token) {
        Optional<Verified> verified = verifier.verify(token);
        if (verified.isEmpty()) {
            return;
        }
        if (!client.id().value().equals(verified.get().claims().getClaim("client_id"))) {
            throw issuedToAnotherClient();
        }
        denyList.revoke(verified.get().jti(), verified.get().expiresAt());
        localChecker.ifPresent(JdbcRevocationChecker::invalidate);
    }

    private void revokeRefreshToken(Client client, String token) {
        Instant now = clock.instant();
        Optional<Stored> stored = refreshTokens.find(token).filter(s -> now.isBefore(s.expiresAt()));
        if (stored.isEmpty()) {
            return;
        }
        if (!stored.get().clientId().equals(client.id())) {
            throw issuedToAnotherClient();
        }
        refreshTokens.revokeFamily(stored.get().familyId());
        localChecker.ifPresent(JdbcRevocationChecker::invalidate);
    }

    private static OAuthException issuedToAnotherClient() {
        return new OAuthException(OAuthError.INVALID_GRANT, "the token was issued to another client");
    }
}
