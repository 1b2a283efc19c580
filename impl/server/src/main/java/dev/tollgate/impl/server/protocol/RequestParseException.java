package dev.tollgate.impl.server.protocol;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import java.util.Objects;

/**
 * A protocol request that cannot be read: the only exception the parsers of this package throw. It carries the
 * OAuth error to answer with; {@link #toOAuthException()} makes the exception the endpoint throws.
 */
public final class RequestParseException extends Exception {

    private final OAuthError error;
    private final boolean basicChallenge;

    public RequestParseException(OAuthError error, String description) {
        this(error, description, false);
    }

    public RequestParseException(OAuthError error, String description, boolean basicChallenge) {
        super(description, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.basicChallenge = basicChallenge;
    }

    public OAuthError error() {
        return error;
    }

    public OAuthException toOAuthException() {
        return new OAuthException(error, getMessage(), basicChallenge);
    }

    static RequestParseException invalidRequest(String description) {
        return new RequestParseException(OAuthError.INVALID_REQUEST, description);
    }
}
