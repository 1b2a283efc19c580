package dev.tollgate.impl.server.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that encrypts the signing keys' private parts in the database (AES-256-GCM from the JDK).
 *
 * <p>A sealed value reads {@code A256GCM.<fingerprint>.<iv>.<ciphertext>} (base64url): a fresh 96-bit IV per
 * seal, the 128-bit tag appended to the ciphertext (JCA's layout), and the caller's associated data (the key id)
 * bound in, so a sealed private key cannot be moved to another row. The fingerprint (the first 8 hex digits of
 * the key's SHA-256) lets an error say that a value was sealed under another key without revealing either key.
 *
 * <p>{@link #toString()} shows only the fingerprint.
 */
public final class KeyEncryptionKey {

    public static final int BYTES = 32;

    private static final String PREFIX = "A256GCM";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final byte[] HKDF_SALT = "tollgate key-encryption-key derivation".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;
    private final String fingerprint;
    private final SecureRandom random = new SecureRandom();

    private KeyEncryptionKey(byte[] key) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("a key-encryption key has " + BYTES + " bytes (256 bits)");
        }
        this.key = key.clone();
        this.fingerprint = HexFormat.of().formatHex(sha256(this.key), 0, 4);
    }

    public static KeyEncryptionKey of(byte[] key) {
        return new KeyEncryptionKey(Objects.requireNonNull(key, "key"));
    }

    public static KeyEncryptionKey generate(SecureRandom random) {
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        try {
            return new KeyEncryptionKey(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Parses a key written as base64 (standard or URL-safe alphabet, padding optional).
     *
     * @throws IllegalArgumentException when it is not base64 of exactly 32 bytes; the message never repeats the input
     */
    public static KeyEncryptionKey decode(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        String urlSafe = encoded.strip().replace('+', '-').replace('/', '_').replace("=", "");
        byte[] key;
        try {
            key = B64URL_DECODER.decode(urlSafe);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be base64 of " + BYTES + " random bytes");
        }
        try {
            if (key.length != BYTES) {
                throw new IllegalArgumentException("must be base64 of " + BYTES + " random bytes, had " + key.length);
            }
            return new KeyEncryptionKey(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * A 256-bit key for another use, derived from this one with HKDF-SHA256 (RFC 5869) under {@code label} as the
     * {@code info}: every node with the same key-encryption key derives the same key, and keys of different labels
     * are independent of each other and of this key (RFC 5869 §3.2), so no further secret must be configured and
     * nothing sealed for one use opens for another. The caller owns (and should not log) the returned bytes.
     */
    public byte[] derive(String label) {
        Objects.requireNonNull(label, "label");
        try {
            // Extract (§2.2): a fixed salt, since the input is already a uniformly random key.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HKDF_SALT, "HmacSHA256"));
            byte[] prk = mac.doFinal(key);
            // Expand (§2.3) to one block: T(1) = HMAC(PRK, info || 0x01).
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            Arrays.fill(prk, (byte) 0);
            mac.update(label.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    /** Standard base64 with padding, for writing the key file. */
    String encode() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** First 8 hex digits of the key's SHA-256: tells keys apart, reveals nothing. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Encrypts {@code plaintext}, binding {@code associatedData} (e.g. the key id). */
    public String seal(byte[] plaintext, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return PREFIX + "." + fingerprint + "." + B64URL.encodeToString(iv) + "." + B64URL.encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available on this Java platform", e);
        }
    }

    /** Decrypts what {@link #seal} made with the same associated data. */
    public byte[] open(String sealed, String associatedData) throws KeyDecryptionException {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new KeyDecryptionException("not a sealed value of the form " + PREFIX + ".<fingerprint>.<iv>.<data>");
        }
        if (!parts[1].equals(fingerprint)) {
            throw new KeyDecryptionException("sealed under key-encryption key " + parts[1]
                    + ", but the configured key-encryption key is " + fingerprint);
        }
        try {
            byte[] iv = B64URL_DECODER.decode(parts[2]);
            byte[] ciphertext = B64URL_DECODER.decode(parts[3]);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new KeyDecryptionException("the sealed value fails authentication: altered, or moved from another row",
                    e);
        } catch (IllegalArgumentException e) {
            throw new KeyDecryptionException("the sealed value is not valid base64url", e);
        } catch (GeneralSecurityException e) {
            throw new KeyDecryptionException("cannot decrypt the sealed value", e);
        }
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + fingerprint + "]";
    }
}
