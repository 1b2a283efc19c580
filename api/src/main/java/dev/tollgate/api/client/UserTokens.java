package dev.tollgate.api.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens one user granted to this application through the authorization code flow. {@link #toString()} never
 * prints the refresh token.
 *
 * @param accessToken the current access token
 * @param refreshToken the refresh token, if the authorization server issued one
 * @param refreshExpiresAt when the refresh token expires ({@code refresh_expires_in}), if the server said
 */
public record UserTokens(AccessToken accessToken, Optional<String> refreshToken, Optional<Instant> refreshExpiresAt) {

    public UserTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        refreshToken = refreshToken == null ? Optional.empty() : refreshToken;
        refreshExpiresAt = refreshExpiresAt == null ? Optional.empty() : refreshExpiresAt;
    }

    /** True when there is a refresh token that has not expired at {@code instant}. */
    public boolean canRefreshAt(Instant instant) {
        return refreshToken.isPresent() && refreshExpiresAt.map(instant::isBefore).orElse(true);
    }

    @Override
    public String toString() {
        return "UserTokens[accessToken=" + accessToken + ", refreshToken=" + (refreshToken.isPresent() ? "***" : "none")
                + ", refreshExpiresAt=" + refreshExpiresAt.map(Instant::toString).orElse("unknown") + "]";
    }
}
