package dev.tollgate.impl.jwt;

import com.nimbusds.jose.KeySourceException;

/**
 * The key source answered, but holds no key for the token's {@code kid} and algorithm, even after the one refetch
 * the cooldown allows. A {@link KeySourceException} because that is all a Nimbus key selector may throw; the gate
 * tells it from an unreachable key source by its type.
 */
final class UnknownKeyException extends KeySourceException {
    UnknownKeyException() {
        super("no trusted key matches the token");
    }
}
