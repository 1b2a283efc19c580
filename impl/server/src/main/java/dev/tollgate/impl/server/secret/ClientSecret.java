package dev.tollgate.impl.server.secret;

import java.util.Objects;

/**
 * A client secret in the clear: shown once to whoever registered the client, then only its {@link #hash()} is
 * kept. {@link #toString()} never prints the value, so a secret cannot slip into a log through string
 * concatenation.
 */
public final class ClientSecret {

    private final String value;

    public ClientSecret(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a client secret must not be empty");
        }
        this.value = value;
    }

    /** The secret itself, for the one response that hands it out. */
    public String reveal() {
        return value;
    }

    /** What the database keeps. */
    public SecretHash hash() {
        return SecretHash.of(value);
    }

    @Override
    public String toString() {
        return "ClientSecret[redacted]";
    }
}
