package dev.tollgate.impl.server.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a high-entropy secret (a client secret, a refresh token), as 64 lower-case hex digits: the form in
 * which the database keeps it.
 *
 * <p>{@link #matches(String)} compares in constant time. A fast hash is right here, and only here, because the
 * hashed values are 256-bit random strings: see {@link SecretGenerator}. Passwords use
 * {@link dev.tollgate.impl.server.password.PasswordHasher} instead.
 */
public record SecretHash(String hex) implements StoredSecret {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    public SecretHash {
        Objects.requireNonNull(hex, "hex");
        if (!HEX_SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("a secret hash is 64 lower-case hex digits (SHA-256)");
        }
    }

    /** The hash of {@code secret} (UTF-8). */
    public static SecretHash of(String secret) {
        return new SecretHash(HEX.formatHex(sha256(secret)));
    }

    /** A stored or configured hash; upper-case hex is accepted and normalized. */
    public static SecretHash parse(String hex) {
        return new SecretHash(hex.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether {@code presented} hashes to this value, compared in constant time. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(bytes(), sha256(presented));
    }

    /** The column value: the hex digits. */
    @Override
    public String stored() {
        return hex;
    }

    /** The 32 hash bytes. */
    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    /** SHA-256 of the UTF-8 bytes of {@code value}. */
    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Only a prefix: enough to tell two hashes apart in a log, too little to help anyone. */
    @Override
    public String toString() {
        return "SecretHash[sha256:" + hex.substring(0, 8) + "...]";
    }
}
