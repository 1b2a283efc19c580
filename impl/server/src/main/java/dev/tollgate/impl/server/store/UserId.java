package dev.tollgate.impl.server.store;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A user's stable id, and the {@code sub} of the user's tokens: a random UUID, never reassigned, unchanged when the
 * email (the login name) changes (OpenID Connect Core 1.0 §2).
 */
public record UserId(UUID value) {

    /** The canonical form only: {@link UUID#fromString} also accepts short groups such as {@code 1-2-3-4-5}. */
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    public static UserId parse(String text) {
        return new UserId(UUID.fromString(text));
    }

    /** The id written in {@code text} in canonical UUID form; empty for anything else (e.g. a hostile path). */
    public static Optional<UserId> parseCanonical(String text) {
        return text != null && CANONICAL.matcher(text).matches() ? Optional.of(parse(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
