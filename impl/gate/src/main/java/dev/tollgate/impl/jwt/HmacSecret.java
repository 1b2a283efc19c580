package dev.tollgate.impl.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret that HS256 tokens are verified with. It never prints itself: {@link #toString()} is a mask.
 */
public final class HmacSecret {

    /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output, 256 bits. */
    public static final int MIN_BYTES = 32;

    private final byte[] bytes;

    private HmacSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param secret the configured characters, taken as UTF-8 bytes
     * @throws IllegalArgumentException when shorter than {@link #MIN_BYTES} bytes (the message holds no secret)
     */
    public static HmacSecret of(char[] secret) {
        byte[] bytes = new String(secret).getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException("must be at least " + MIN_BYTES + " bytes long");
        }
        return new HmacSecret(bytes);
    }

    /** The key for Nimbus's MAC verifier. */
    public SecretKey key() {
        return new SecretKeySpec(bytes.clone(), "HmacSHA256");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HmacSecret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "HmacSecret[****]";
    }
}
