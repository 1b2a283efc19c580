package dev.tollgate.impl.server.key;

/**
 * A stored private key cannot be decrypted: it was sealed under another key-encryption key (a node configured
 * differently, or the key changed), or the stored value was altered. The message names fingerprints, never keys.
 */
public final class KeyDecryptionException extends Exception {

    public KeyDecryptionException(String message) {
        super(message);
    }

    public KeyDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
