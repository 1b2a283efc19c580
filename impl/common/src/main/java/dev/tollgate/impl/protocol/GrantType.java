package dev.tollgate.impl.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The grants Tollgate knows, by their {@code grant_type} value (RFC 6749 §4, §6): what a server allows a client,
 * and what a client asks for. The declaration order is the order of every list of grants (metadata, registration).
 */
public enum GrantType {
    /** RFC 6749 §4.1, with PKCE (RFC 7636). */
    AUTHORIZATION_CODE("authorization_code"),
    /** RFC 6749 §4.4: a confidential client acting on its own behalf. */
    CLIENT_CREDENTIALS("client_credentials"),
    /** RFC 6749 §4.3: resource owner password credentials, for first-party clients (e.g. RIPS). */
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

    /** The grant whose value is exactly {@code value}; empty for any other grant, standard or not. */
    public static Optional<GrantType> parse(String value) {
        return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
