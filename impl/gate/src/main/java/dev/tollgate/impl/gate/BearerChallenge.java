package dev.tollgate.impl.gate;

import dev.tollgate.api.error.OAuthError;

/**
 * Builds the {@code WWW-Authenticate} challenges the gate sends, shared by the servlet side (ChallengeWriter) and
 * the JAX-RS side (403 for a missing scope or role).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
public final class BearerChallenge {

    /** Request attribute under which the gate leaves its realm, for challenges written later by JAX-RS. */
    public static final String REALM_ATTRIBUTE = "dev.tollgate.gate.realm";

    /**
     * Request attribute under which the gate leaves the URL of its RFC 9728 protected-resource metadata, when it
     * serves one, for challenges written later by JAX-RS (RFC 9728 §5.1: every 401 and 403 names it).
     */
    public static final String RESOURCE_METADATA_ATTRIBUTE = "dev.tollgate.gate.resource-metadata";

    /**
     * Request attribute under which the gate leaves {@code "DPoP"} for a caller admitted with a DPoP-bound token, so
     * that a later 403 challenges with the scheme the client used (RFC 9449 §7.1).
     */
    public static final String SCHEME_ATTRIBUTE = "dev.tollgate.gate.scheme";

    /** The RFC 9449 authentication scheme name. */
    public static final String DPOP_SCHEME = "DPoP";

    /** The realm used when none is configured or known. */
    public static final String DEFAULT_REALM = "tollgate";

    private BearerChallenge() {
    }

    /**
     * {@code Bearer realm="…"[, error="…", error_description="…"][, scope="…"]}. Per RFC 6750 §3.1 a request that
     * carried no credentials gets no error code: pass {@code error} null.
     */
    public static String bearer(String realm, OAuthError error, String description, String scope) {
        StringBuilder header = new StringBuilder("Bearer realm=\"").append(quote(realm)).append('"');
        if (error != null) {
            header.append(", error=\"").append(error.code()).append('"');
            if (description != null) {
                header.append(", error_description=\"").append(quote(description)).append('"');
            }
        }
        if (scope != null && !scope.isEmpty()) {
            header.append(", scope=\"").append(quote(scope)).append('"');
        }
        return header.toString();
    }

    /**
     * {@code DPoP realm="…"[, error="…", error_description="…"][, scope="…"], algs="…"} (RFC 9449 §7.1): as
     * {@link #bearer}, plus the accepted proof algorithms, space-separated.
     */
    public static String dpop(String realm, OAuthError error, String description, String scope, String algorithms) {
        return "DPoP" + bearer(realm, error, description, scope).substring("Bearer".length())
                + ", algs=\"" + quote(algorithms) + '"';
    }

    /**
     * The challenge with RFC 9728 §5.1's {@code resource_metadata} appended; unchanged when {@code url} is null.
     */
    public static String withResourceMetadata(String challenge, String url) {
        return url == null ? challenge : challenge + ", resource_metadata=\"" + quote(url) + '"';
    }

    /** The challenge for the plain-header scheme, sent beside the Bearer one when those headers are enabled. */
    public static String apiHeaders(String realm) {
        return "X-API-Headers realm=\"" + quote(realm) + '"';
    }

    /**
     * RFC 6750 §3: error_description and scope use the characters %x20-21 / %x23-5B / %x5D-7E only, so quotes,
     * backslashes and anything outside printable ASCII are replaced rather than escaped.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? c : '\'');
        }
        return out.toString();
    }
}
