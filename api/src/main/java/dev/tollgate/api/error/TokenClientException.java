package dev.tollgate.api.error;

import java.util.Optional;

/**
 * The outbound token client could not obtain a token. Carries the token endpoint's OAuth {@code error} and
 * {@code error_description} when it sent them; never the secret or the token.
 */
public final class TokenClientException extends TollgateException {

    private final String error;
    private final String errorDescription;
    private final int httpStatus;

    /**
     * @param message what went wrong, safe to log
     * @param error the OAuth error code from the token endpoint, or null if it sent none
     * @param errorDescription the endpoint's {@code error_description}, or null
     * @param httpStatus the token endpoint's HTTP status, or 0 if no response was received
     */
    public TokenClientException(String message, String error, String errorDescription, int httpStatus,
                                Throwable cause) {
        super(message, cause);
        this.error = error;
        this.errorDescription = errorDescription;
        this.httpStatus = httpStatus;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** The token endpoint's HTTP status, or 0 if it never answered. */
    public int httpStatus() {
        return httpStatus;
    }
}
