package dev.tollgate.impl.server.store;

import java.util.Arrays;
import java.util.Optional;

/** The OAuth grants a client may be allowed to use, by their {@code grant_type} value (RFC 6749 §4, §6). */
public enum GrantType {
    /** RFC 6749 §4.1, with PKCE S256 (RFC 7636). */
    AUTHORIZATION_CODE("authorization_code"),
    /** RFC 6749 §4.4: a confidential client acting for itself. */
    CLIENT_CREDENTIALS("client_credentials"),
    /** RFC 6749 §4.3: resource owner password credentials, for first-party clients. */
    PASSWORD("password"),
    /** RFC 6749 §6. */
    REFRESH_TOKEN("refresh_token");

    private final String value;

    GrantType(String value) {
        this.value = value;
    }

    /** The {@code grant_type} parameter value. */
    public String value() {
        return value;
    }

    public static Optional<GrantType> parse(String value) {
        return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
