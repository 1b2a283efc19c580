package dev.tollgate.impl.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Proof Key for Code Exchange, S256 only.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4">RFC 7636 §4</a>
 */
final class Pkce {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {
    }

    /**
     * RFC 7636 §4.1: "a high-entropy cryptographic random STRING ... with a minimum length of 43 characters";
     * 32 random octets, base64url-encoded, give 43 characters and 256 bits.
     */
    static String verifier(SecureRandom random) {
        return randomToken(random, 32);
    }

    /** RFC 7636 §4.2: {@code code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))}, no padding. */
    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** {@code bytes} random octets, base64url-encoded without padding. */
    static String randomToken(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return BASE64URL.encodeToString(b);
    }
}
