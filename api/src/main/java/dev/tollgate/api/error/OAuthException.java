package dev.tollgate.api.error;

import java.util.Objects;

/**
 * An OAuth protocol error, rendered as the RFC 6749 §5.2 JSON {@code {"error", "error_description"}} with
 * {@code Cache-Control: no-store} by the protocol endpoints.
 */
public final class OAuthException extends TollgateException {

    private final OAuthError error;
    /** Set when the client authenticated with HTTP Basic: a 401 must then challenge with {@code Basic}. */
    private final boolean basicChallenge;

    public OAuthException(OAuthError error, String description) {
        this(error, description, false);
    }

    public OAuthException(OAuthError error, String description, boolean basicChallenge) {
        super(description, null);
        this.error = Objects.requireNonNull(error, "error");
        this.basicChallenge = basicChallenge;
    }

    public OAuthError error() {
        return error;
    }

    /** The {@code error_description}: human-readable, safe to show. */
    public String description() {
        return getMessage();
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }
}
