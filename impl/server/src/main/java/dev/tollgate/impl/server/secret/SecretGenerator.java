package dev.tollgate.impl.server.secret;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * High-entropy values that the server hands out: client secrets, refresh tokens, registration access tokens.
 *
 * <p>Each is 256 bits from {@link SecureRandom}, encoded base64url without padding (43 characters), so it can go
 * into a URL, a form body or a header unescaped. Values of this strength are stored as a plain SHA-256
 * ({@link SecretHash}): nobody can guess them, so a slow hash would add cost and no safety.
 */
public final class SecretGenerator {

    /** 256 bits. */
    public static final int BYTES = 32;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public SecretGenerator() {
        this(new SecureRandom());
    }

    public SecretGenerator(SecureRandom random) {
        this.random = random;
    }

    /** A fresh opaque token: 256 random bits, base64url without padding. */
    public String token() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** A fresh client secret. */
    public ClientSecret clientSecret() {
        return new ClientSecret(token());
    }
}
