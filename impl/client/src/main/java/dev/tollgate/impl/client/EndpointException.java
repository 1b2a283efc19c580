package dev.tollgate.impl.client;

import dev.tollgate.api.error.TokenClientException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed exchange with the authorization server, before it is turned into the public
 * {@link TokenClientException} (one per caller that sees it). The message never holds a secret or a token.
 */
final class EndpointException extends Exception {

    private final String error;
    private final String errorDescription;
    private final int status;
    private final transient Optional<Duration> retryAfter;

    EndpointException(String message, String error, String errorDescription, int status,
                      Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.error = error;
        this.errorDescription = errorDescription;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static EndpointException noResponse(String message, Throwable cause) {
        return new EndpointException(message, null, null, 0, Optional.empty(), cause);
    }

    /** The OAuth {@code error} code, or null. */
    String error() {
        return error;
    }

    String errorDescription() {
        return errorDescription;
    }

    /** The HTTP status, or 0 when no response arrived. */
    int status() {
        return status;
    }

    /** The {@code Retry-After} of a 429 or 503 answer. */
    Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** True for RFC 6749 §5.2 {@code invalid_grant}: the refresh token (or code) is invalid, expired or revoked. */
    boolean invalidGrant() {
        return "invalid_grant".equals(error);
    }

    /** A new public exception for one caller, with {@code this} as its cause. */
    TokenClientException toPublic() {
        return new TokenClientException(getMessage(), error, errorDescription, status, this);
    }

    /** A new public exception for one caller, with more context in front of the message. */
    TokenClientException toPublic(String context) {
        return new TokenClientException(context + ": " + getMessage(), error, errorDescription, status, this);
    }
}
