package dev.tollgate.impl.server.store;

import java.util.Locale;
import java.util.Optional;

/**
 * The login key of a user: the email address trimmed and lower-cased ({@link Locale#ROOT}), so that
 * {@code Alice@Example.com} and {@code alice@example.com} are one account.
 *
 * <p>Validation is deliberately loose (one {@code @} with text on both sides, no whitespace, at most 320
 * characters): the address is an identifier here, and nothing is ever sent to it.
 */
public final class Emails {

    public static final int MAX_LENGTH = 320;

    private Emails() {
    }

    /** The normalized form, or empty when {@code email} is not a plausible address. */
    public static Optional<String> normalize(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String trimmed = email.trim();
        int at = trimmed.indexOf('@');
        if (trimmed.length() > MAX_LENGTH || at <= 0 || at != trimmed.lastIndexOf('@') || at == trimmed.length() - 1
                || trimmed.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.empty();
        }
        return Optional.of(trimmed.toLowerCase(Locale.ROOT));
    }

    /** The normalized form; {@link IllegalArgumentException} when it is not a plausible address. */
    public static String require(String email) {
        return normalize(email).orElseThrow(() -> new IllegalArgumentException("not a valid email address"));
    }
}
