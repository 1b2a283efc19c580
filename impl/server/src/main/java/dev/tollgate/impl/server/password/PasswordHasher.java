package dev.tollgate.impl.server.password;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow, salted password hashes: PBKDF2-HMAC-SHA256 from the JDK, at OWASP's current parameters (Password Storage
 * Cheat Sheet: 600,000 iterations for PBKDF2-HMAC-SHA256), a 16-byte random salt and a 32-byte derived key.
 *
 * <p>Why PBKDF2 and not Argon2id, which OWASP lists first: Argon2id is not in the JDK. The server ships apart from
 * the gate now, so it could take a library, but the choices are a native one (argon2-jvm over JNA, a platform
 * binary in the WAR) or a pure-Java one (Bouncy Castle, 8 MB, whose Argon2 runs slower than native code, so the
 * memory cost that makes Argon2id worth having would have to come down). PBKDF2 at 600,000 iterations
 * is OWASP's FIPS-compliant recommendation and needs nothing but the platform. Should that change, the stored form
 * says which scheme made each hash, so a new scheme can be added beside this one and old hashes upgraded at login.
 *
 * <p>The stored form is self-describing, {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} with salt and hash in
 * base64 without padding, so the iteration count can rise later: {@link #needsRehash(String)} tells the caller to
 * re-hash a password after a successful check.
 *
 * <p>Timing: the comparison is constant-time ({@link MessageDigest#isEqual}), and {@link #verifyAgainstNothing}
 * spends the same hash for an unknown user, so response times do not tell whether an account exists.
 *
 * <p>Thread-safe.
 */
public final class PasswordHasher {

    /** OWASP Password Storage Cheat Sheet, PBKDF2-HMAC-SHA256. */
    public static final int OWASP_ITERATIONS = 600_000;

    static final String SCHEME = "pbkdf2-sha256";
    private static final String JCA_ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Refuse to spend unbounded work on a stored hash that claims absurd parameters. */
    private static final int MAX_ITERATIONS = 10_000_000;
    /** Longer input is rejected before any hashing: no legitimate password is this long. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int iterations;
    private final SecureRandom random;
    /** A hash of a random password, used to spend the same work when there is no stored hash to check. */
    private final String decoy;

    /** The production hasher, at {@value #OWASP_ITERATIONS} iterations. */
    public static PasswordHasher owasp() {
        return new PasswordHasher(OWASP_ITERATIONS);
    }

    /**
     * @param iterations PBKDF2 iterations for new hashes. Production uses {@link #owasp()}; a lower count is only
     *                   for tests that hash many passwords. Existing hashes verify at whatever count they record.
     */
    public PasswordHasher(int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS);
        }
        this.iterations = iterations;
        this.random = new SecureRandom();
        char[] randomPassword = B64.encodeToString(random.generateSeed(SALT_BYTES)).toCharArray();
        this.decoy = hash(randomPassword);
    }

    public int iterations() {
        return iterations;
    }

    /** A new salted hash of {@code password}, in the stored form. */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0 || password.length > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password must have 1 to " + MAX_PASSWORD_LENGTH + " characters");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] derived = derive(password, salt, iterations, HASH_BYTES);
        try {
            return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(derived);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /**
     * Whether {@code password} matches {@code storedHash}. A malformed stored hash never matches (and costs the
     * same as a real check, so it does not stand out).
     */
    public boolean verify(char[] password, String storedHash) {
        Objects.requireNonNull(password, "password");
        Parsed parsed = Parsed.of(storedHash);
        if (parsed == null || password.length == 0 || password.length > MAX_PASSWORD_LENGTH) {
            verifyAgainstNothing(password);
            return false;
        }
        byte[] derived = derive(password, parsed.salt(), parsed.iterations(), parsed.hash().length);
        try {
            return MessageDigest.isEqual(derived, parsed.hash());
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /**
     * Spends one hash, as {@link #verify} would, and returns {@code false}: the check for a user that does not exist,
     * so that it takes as long as the check for one that does.
     */
    public boolean verifyAgainstNothing(char[] password) {
        Parsed parsed = Objects.requireNonNull(Parsed.of(decoy));
        char[] input = password == null || password.length == 0 || password.length > MAX_PASSWORD_LENGTH
                ? new char[] {'x'} : password;
        byte[] derived = derive(input, parsed.salt(), parsed.iterations(), parsed.hash().length);
        MessageDigest.isEqual(derived, parsed.hash());
        Arrays.fill(derived, (byte) 0);
        return false;
    }

    /** True when {@code storedHash} was made with other (weaker) parameters than this hasher's: re-hash it. */
    public boolean needsRehash(String storedHash) {
        Parsed parsed = Parsed.of(storedHash);
        return parsed == null || parsed.iterations() < iterations || parsed.salt().length < SALT_BYTES
                || parsed.hash().length < HASH_BYTES;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(JCA_ALGORITHM).generateSecret(spec).getEncoded();
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("cannot derive a key from this password", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(JCA_ALGORITHM + " is not available on this Java platform", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** The parts of a stored hash, or null when it is not in our form. */
    private record Parsed(int iterations, byte[] salt, byte[] hash) {

        static Parsed of(String stored) {
            if (stored == null) {
                return null;
            }
            String[] parts = stored.split("\\$", -1);
            if (parts.length != 4 || !parts[0].equals(SCHEME)) {
                return null;
            }
            try {
                int iterations = Integer.parseInt(parts[1]);
                byte[] salt = B64_DECODER.decode(parts[2]);
                byte[] hash = B64_DECODER.decode(parts[3]);
                if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0 || hash.length == 0
                        || hash.length > 64) {
                    return null;
                }
                return new Parsed(iterations, salt, hash);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
