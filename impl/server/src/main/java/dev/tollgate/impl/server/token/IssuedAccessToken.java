package dev.tollgate.impl.server.token;

import java.time.Instant;

/** A signed access token: the compact JWT to hand out once, with its id and times. */
public record IssuedAccessToken(String value, String jti, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedAccessToken[jti=" + jti + ", expiresAt=" + expiresAt + ']';
    }
}
