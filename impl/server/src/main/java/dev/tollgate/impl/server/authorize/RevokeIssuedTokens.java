package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import java.util.Objects;

/**
 * The default {@link CodeReplay.Handler}: revokes every refresh token of the code's family and puts the recorded
 * access token on the deny-list until it expires, through the server's stores.
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
}
