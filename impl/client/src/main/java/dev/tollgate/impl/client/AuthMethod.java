package dev.tollgate.impl.client;

import java.util.Locale;
import java.util.Optional;

/**
 * How the client authenticates to the token endpoint ({@code tollgate.client.<name>.auth-method}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 §2.3.1</a>
 */
public enum AuthMethod {
    /** HTTP Basic with the form-urlencoded client id and secret; the default when a secret is configured. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** {@code client_id} and {@code client_secret} in the form body. */
    CLIENT_SECRET_POST("client_secret_post"),
    /** A public client: {@code client_id} in the form body, no secret; the default without a secret. */
    NONE("none"),
    /**
     * Not a standard method: the whole request is an {@code application/json} object carrying {@code client_id}
     * (and {@code client_secret} when configured), as the RIPS token endpoint expects.
     */
    JSON("json");

    private final String wire;

    AuthMethod(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static Optional<AuthMethod> parse(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        for (AuthMethod m : values()) {
            if (m.wire.equals(v)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
