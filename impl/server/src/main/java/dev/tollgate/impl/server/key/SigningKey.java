package dev.tollgate.impl.server.key;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signing key's public half and its schedule, as stored in {@code signing_keys}.
 *
 * @param generation 1 for the first key, then one more per rotation
 * @param activeFrom when it starts signing
 * @param retiredAt  when its successor starts signing; empty while it has none
 */
public record SigningKey(String kid, long generation, SigningAlgorithm algorithm, JWK publicJwk, Instant createdAt,
                         Instant activeFrom, Optional<Instant> retiredAt) {

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicJwk, "publicJwk");
        if (publicJwk.isPrivate()) {
            throw new IllegalArgumentException("a SigningKey holds only the public key");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activeFrom, "activeFrom");
        Objects.requireNonNull(retiredAt, "retiredAt");
    }

    /** Signing at {@code now}: active, and not yet replaced. */
    public boolean signsAt(Instant now) {
        return !now.isBefore(activeFrom) && retiredAt.map(now::isBefore).orElse(true);
    }

    /** Not yet retired at {@code now} (current, or a successor waiting for its turn). */
    boolean usableAt(Instant now) {
        return retiredAt.map(now::isBefore).orElse(true);
    }
}
