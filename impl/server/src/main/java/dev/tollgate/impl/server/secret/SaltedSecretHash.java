package dev.tollgate.impl.server.secret;

import dev.tollgate.impl.server.password.PasswordHasher;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A declared client's secret, hashed with a random salt and a slow KDF: PBKDF2-HMAC-SHA256 at OWASP's parameters
 * through {@link PasswordHasher}, over the hex SHA-256 of the secret. The stored form is the hasher's
 * ({@code pbkdf2-sha256$<iterations>$<salt>$<hash>}), so the cost can rise later.
 *
 * <p>Why over the SHA-256: a declaration may give the secret ({@code secret}) or only its SHA-256
 * ({@code secret-sha256}, so that the file holds no secret), and both must end in the same salted form. Guessing the
 * secret from a stolen row still costs one full PBKDF2 per guess.
 *
 * <p>{@link #toString()} shows only the scheme.
 */
public record SaltedSecretHash(String stored) implements StoredSecret {

    static final String PREFIX = "pbkdf2-sha256$";

    public SaltedSecretHash {
        Objects.requireNonNull(stored, "stored");
        if (!isSalted(stored)) {
            throw new IllegalArgumentException("a salted secret hash starts with " + PREFIX);
        }
    }

    /** A new salted hash of the secret whose SHA-256 is {@code sha256}. */
    public static SaltedSecretHash of(SecretHash sha256, PasswordHasher hasher) {
        return new SaltedSecretHash(hasher.hash(sha256.hex().toCharArray()));
    }

    static boolean isSalted(String stored) {
        return stored.startsWith(PREFIX);
    }

    static SaltedSecretHash parse(String stored) {
        return new SaltedSecretHash(stored.trim());
    }

    /** Whether {@code presented} is the secret: one PBKDF2 run. */
    public boolean matches(String presented, PasswordHasher hasher) {
        return hasher.verify(HexFormat.of().formatHex(SecretHash.sha256(presented)).toCharArray(), stored);
    }

    @Override
    public String toString() {
        return "SaltedSecretHash[pbkdf2-sha256]";
    }
}
