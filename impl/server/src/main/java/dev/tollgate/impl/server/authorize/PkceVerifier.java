package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.secret.SecretHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The server side of PKCE with S256 (RFC 7636 §4.6): {@code BASE64URL(SHA256(ASCII(code_verifier))) ==
 * code_challenge}, compared in constant time.
 */
public final class PkceVerifier {

    /** RFC 7636 §4.1: 43 to 128 characters of the unreserved set {@code [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"}. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private PkceVerifier() {
    }

    /** Whether the verifier has the form RFC 7636 §4.1 requires. */
    public static boolean isWellFormed(String verifier) {
        return verifier != null && VERIFIER.matcher(verifier).matches();
    }

    /** The S256 challenge of a verifier. */
    public static String challengeOf(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(SecretHash.sha256(verifier));
    }

    /** Whether a well-formed {@code verifier} matches the S256 {@code challenge}, in constant time. */
    public static boolean matches(String verifier, String challenge) {
        if (!isWellFormed(verifier)) {
            return false;
        }
        return MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
