package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.store.ClientId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization code was presented again after it had been exchanged (RFC 6749 §4.1.2: the server "SHOULD
 * revoke (when possible) all tokens previously issued based on that authorization code"; RFC 9700 §4.2.4).
 *
 * @param familyId    the family id of the code ({@link StoredCode#familyId()}): the refresh tokens issued from the
 *                    code carry it as their family id
 * @param accessToken the access token issued from the code, if the authorization code grant recorded it
 *                    ({@link AuthorizationCodeStore#recordAccessToken})
 */
public record CodeReplay(String familyId, ClientId clientId, String subject, Optional<AccessToken> accessToken) {

    public CodeReplay {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(accessToken, "accessToken");
    }

    /** An issued JWT access token, by its {@code jti}, with its {@code exp}. */
    public record AccessToken(String jti, Instant expiresAt) {
        public AccessToken {
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** Reacts to a replay: revokes what was issued from the code. */
    @FunctionalInterface
    public interface Handler {

        /**
         * Called once per code, on its first replay, before the replaying request gets {@code invalid_grant}.
         * Must revoke the refresh-token family {@code familyId} and put the access token on the deny-list. An
         * exception thrown here is logged and the request still gets {@code invalid_grant}.
         */
        void codeReplayed(CodeReplay replay);
    }
}
