package dev.tollgate.impl.server.store;

/**
 * The database could not be used: unreachable, or an unexpected SQL error. Not a normal outcome (an unknown user
 * or a wrong password is an empty result, never this), so callers map it to a 503 or a failed start. The message
 * names the operation and carries no credentials.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String operation, Throwable cause) {
        super("Database operation failed: " + operation, cause);
    }
}
