package dev.tollgate.impl.server.store;

import java.util.Objects;
import java.util.UUID;

/** A user's stable id. The email is the login name and the token subject; this id never changes. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    public static UserId parse(String text) {
        return new UserId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
