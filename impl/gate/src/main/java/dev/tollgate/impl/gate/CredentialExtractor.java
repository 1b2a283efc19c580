package dev.tollgate.impl.gate;

import java.util.List;

/**
 * Finds the credentials in a request's headers: a pure function of the headers, shared by anything that reads them.
 *
 * <ul>
 *   <li>{@code Authorization: Bearer <token>}: the scheme is matched case-insensitively (RFC 7235 §2.1), so
 *       {@code bEaReR x} is a Bearer token. A blank token, a token with whitespace in it, or two Authorization
 *       headers are malformed, not missing (RFC 6750 §3.1, invalid_request).
 *   <li>the plain headers (by default {@code X-API-Email} and {@code X-API-Password}), when enabled: both, once each,
 *       non-blank; one without the other is malformed.
 *   <li>{@code Authorization: DPoP <token>} (RFC 9449 §7.1), when DPoP is enabled, with the same rules for the token,
 *       and every {@code DPoP} header's value (the proofs, checked later);
 *   <li>a token and plain headers together are malformed: the gate will not guess which one is meant.
 *   <li>another Authorization scheme (Basic, Digest, ...) is not ours: it counts as no credentials, so that the
 *       application behind the gate may handle it (on a public path, or in optional mode).
 * </ul>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 §2.1</a>
 */
public final class CredentialExtractor {

    static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer";
    static final String DPOP = "DPoP";

    private final boolean plainHeadersEnabled;
    private final String emailHeader;
    private final String passwordHeader;
    private final boolean dpopEnabled;

    /** Without DPoP: {@code Authorization: DPoP} is another scheme, not ours. */
    public CredentialExtractor(boolean plainHeadersEnabled, String emailHeader, String passwordHeader) {
        this(plainHeadersEnabled, emailHeader, passwordHeader, false);
    }

    public CredentialExtractor(boolean plainHeadersEnabled, String emailHeader, String passwordHeader,
                               boolean dpopEnabled) {
        this.plainHeadersEnabled = plainHeadersEnabled;
        this.emailHeader = emailHeader;
        this.passwordHeader = passwordHeader;
        this.dpopEnabled = dpopEnabled;
    }

    public Credentials extract(Headers headers) {
        List<String> authorization = headers.all(AUTHORIZATION);
        List<String> emails = plainHeadersEnabled ? headers.all(emailHeader) : List.of();
        List<String> passwords = plainHeadersEnabled ? headers.all(passwordHeader) : List.of();
        boolean plain = !emails.isEmpty() || !passwords.isEmpty();

        String token = null;
        boolean dpop = false;
        if (authorization.size() > 1) {
            return new Credentials.Malformed("More than one Authorization header");
        }
        if (authorization.size() == 1) {
            String value = authorization.get(0) == null ? "" : authorization.get(0).strip();
            if (value.isEmpty()) {
                return new Credentials.Malformed("Empty Authorization header");
            }
            int space = value.indexOf(' ');
            String scheme = space < 0 ? value : value.substring(0, space);
            dpop = dpopEnabled && scheme.equalsIgnoreCase(DPOP);
            if (dpop || scheme.equalsIgnoreCase(BEARER)) {
                String name = dpop ? DPOP : BEARER;
                token = space < 0 ? "" : value.substring(space + 1).strip();
                if (token.isEmpty()) {
                    return new Credentials.Malformed("Empty " + name + " token");
                }
                if (!isSingleWord(token)) {
                    return new Credentials.Malformed("The " + name + " token contains whitespace or control"
                            + " characters");
                }
            }
            // Any other scheme is not ours: leave it to the application (treated as no credentials).
        }
        if (token != null && plain) {
            return new Credentials.Malformed("Both a " + (dpop ? DPOP : BEARER) + " token and " + emailHeader + "/"
                    + passwordHeader + " headers");
        }
        if (token != null) {
            return dpop ? new Credentials.Dpop(token, headers.all(DPOP)) : new Credentials.Bearer(token);
        }
        if (plain) {
            if (emails.size() != 1 || passwords.size() != 1) {
                return new Credentials.Malformed(emailHeader + " and " + passwordHeader
                        + " are both required, once each");
            }
            String email = emails.get(0) == null ? "" : emails.get(0).strip();
            String password = passwords.get(0) == null ? "" : passwords.get(0);
            if (email.isEmpty() || password.isEmpty()) {
                return new Credentials.Malformed(emailHeader + " and " + passwordHeader + " must not be empty");
            }
            return new Credentials.PlainHeaders(email, password);
        }
        return new Credentials.None();
    }

    /** RFC 6750 §2.1 b64token has no whitespace; nor may a token carry control characters. */
    private static boolean isSingleWord(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
