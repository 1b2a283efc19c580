package dev.tollgate.impl.server.revocation;

import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.protocol.AuthenticatedRequest;
import dev.tollgate.impl.server.protocol.ClientAuthenticator;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import dev.tollgate.impl.server.token.AccessTokenVerifier;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Token revocation (RFC 7009 §2).
 *
 * <ul>
 *   <li>The client authenticates as at the token endpoint; a public client names itself with {@code client_id}
 *       and may revoke its own tokens (§2.1 allows it).</li>
 *   <li>A refresh token revokes its whole family (§2.1: "... SHOULD also invalidate all access tokens based on the
 *       same authorization grant"; our access tokens are not stored, so they run out within their short
 *       lifetime).</li>
 *   <li>An access token of ours (signature verified) goes on the deny-list until its {@code exp}.</li>
 *   <li>Both are tried, whatever {@code token_type_hint} says (§2.1: the hint only orders the search).</li>
 *   <li>An unknown, invalid or expired token, or one issued to another client, is answered like a revoked one:
 *       200 and nothing changed (§2.2: "invalid tokens do not cause an error response"), so that a client
 *       cannot probe for other clients' tokens.</li>
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

    /** @throws OAuthException invalid_request (malformed, no token), invalid_client */
    public void revoke(Optional<String> authorization, String contentType, String body) {
        AuthenticatedRequest request = authenticator.authenticate(authorization, contentType, body, Set.of(), true);
        Client client = request.client();
        // token (REQUIRED); token_type_hint (OPTIONAL) is not needed: the token's form tells which kind it is.
        String token = request.required("token");
        if (looksLikeJwt(token)) {
            revokeAccessToken(client, token);
        } else {
            refreshTokens.revokeFamilyOf(token, client.id());
        }
    }

    private void revokeAccessToken(Client client, String token) {
        verifier.verifySignature(token)
                .filter(v -> client.id().value().equals(v.claims().getClaim("client_id")))
                .filter(v -> !v.expiredAt(clock.instant()))
                .ifPresent(v -> {
                    denyList.revoke(v.jti(), v.expiresAt());
                    localChecker.ifPresent(JdbcRevocationChecker::invalidate);
                });
    }

    /** Our refresh tokens are base64url without dots; our access tokens are compact JWS (two dots). */
    static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }
}
