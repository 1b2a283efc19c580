package dev.tollgate.impl.client;

import java.util.Objects;

/**
 * A configured or received credential: client secret, password, refresh token. {@link #toString()} never prints
 * it, so a {@code Secret} can sit in a record whose {@code toString()} is logged.
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "***";
    }
}
