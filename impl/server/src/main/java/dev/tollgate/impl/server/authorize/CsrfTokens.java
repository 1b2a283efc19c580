package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.secret.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Synchronizer tokens against cross-site request forgery (OWASP CSRF Prevention, "Synchronizer Token Pattern"):
 * one random 256-bit token per session, put into every form and compared in constant time on every POST.
 */
public final class CsrfTokens {

    private static final SecretGenerator GENERATOR = new SecretGenerator();

    private CsrfTokens() {
    }

    public static String newToken() {
        return GENERATOR.token();
    }

    /** Whether the presented token is the session's. False when either is missing. Constant-time. */
    public static boolean matches(String sessionToken, String presented) {
        if (sessionToken == null || presented == null || sessionToken.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sessionToken.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
