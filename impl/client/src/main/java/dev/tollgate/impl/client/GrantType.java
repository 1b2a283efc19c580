package dev.tollgate.impl.client;

import java.util.Locale;
import java.util.Optional;

/** The grant a client uses for its own token ({@code tollgate.client.<name>.grant-type}). */
public enum GrantType {
    /** RFC 6749 §4.4: the client acts on its own behalf; needs a client secret. */
    CLIENT_CREDENTIALS("client_credentials"),
    /** RFC 6749 §4.3: resource owner password credentials (e.g. RIPS); needs username and password. */
    PASSWORD("password"),
    /** RFC 6749 §6: starts from a configured refresh token and keeps the newest one on rotation. */
    REFRESH_TOKEN("refresh_token"),
    /**
     * RFC 6749 §4.1 with PKCE: tokens per user, obtained through {@code AuthorizationCodeFlow}; the client has no
     * token of its own.
     */
    AUTHORIZATION_CODE("authorization_code");

    private final String wire;

    GrantType(String wire) {
        this.wire = wire;
    }

    /** The {@code grant_type} value. */
    public String wire() {
        return wire;
    }

    static Optional<GrantType> parse(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        for (GrantType g : values()) {
            if (g.wire.equals(v)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
