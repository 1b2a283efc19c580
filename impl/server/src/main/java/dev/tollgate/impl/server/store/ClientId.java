package dev.tollgate.impl.server.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * An OAuth {@code client_id}: 1 to 255 visible ASCII characters without spaces (RFC 6749 Appendix A.1 allows
 * %x20-7E; the space is left out so that an id can stand in a space-separated list and a log line unquoted).
 */
public record ClientId(String value) {

    public static final int MAX_LENGTH = 255;

    /** 128 random bits, base64url: 22 characters. */
    private static final int RANDOM_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ClientId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new IllegalArgumentException("a client id is 1 to " + MAX_LENGTH
                    + " visible ASCII characters without spaces");
        }
    }

    /** A new id for a client the server creates (registered or service client): unguessable, never reused. */
    public static ClientId random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new ClientId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Like the constructor, but empty instead of an exception: for ids that arrive in requests. */
    public static java.util.Optional<ClientId> parse(String value) {
        try {
            return java.util.Optional.of(new ClientId(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
