package dev.tollgate.api.error;

/**
 * The root of Tollgate's exceptions. Messages never carry a token, a password or a secret.
 */
public abstract sealed class TollgateException extends RuntimeException
        permits ProblemException, OAuthException, TokenClientException {

    protected TollgateException(String message, Throwable cause) {
        super(message, cause);
    }
}
