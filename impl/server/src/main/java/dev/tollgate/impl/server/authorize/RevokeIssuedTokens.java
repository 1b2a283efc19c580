package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import java.util.Objects;

/**
 * The default {@link CodeReplay.Handler}: revokes every refresh token of the code's family and puts the recorded
 * access token on the deny-list until it expires, through the server's stores. It also ends what a user's consent
 * to a client gave ({@link #ofUserAndClient}), when the user revokes that consent.
 */
public final class RevokeIssuedTokens implements CodeReplay.Handler {

    private final RefreshTokenStore refreshTokens;
    private final RevokedAccessTokenStore denyList;

    public RevokeIssuedTokens(RefreshTokenStore refreshTokens, RevokedAccessTokenStore denyList) {
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.denyList = Objects.requireNonNull(denyList, "denyList");
    }

    @Override
    public void codeReplayed(CodeReplay replay) {
        refreshTokens.revokeFamily(replay.familyId());
        replay.accessToken().ifPresent(token -> denyList.revoke(token.jti(), token.expiresAt()));
    }

    /**
     * Revokes every refresh token family in which the user holds a live token of the client, with the families'
     * unexpired access tokens (RFC 7009 §2.1's rule for a revoked refresh token).
     *
     * @return the number of refresh tokens newly revoked
     */
    public int ofUserAndClient(String subject, ClientId clientId) {
        int revoked = 0;
        for (String family : refreshTokens.liveFamilies(subject, clientId)) {
            revoked += refreshTokens.revokeFamily(family);
        }
        return revoked;
    }
}
