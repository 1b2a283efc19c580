package dev.tollgate.impl.server.secret;

/**
 * Every permit for a salted secret check was taken for longer than the wait: the server is busy (most likely being
 * sprayed with wrong secrets for a declared client). Not an answer about the secret: the client should retry.
 */
public final class SecretCheckBusyException extends RuntimeException {

    public SecretCheckBusyException() {
        super("every salted secret check is in use", null, false, false);
    }
}
