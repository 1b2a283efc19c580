package dev.tollgate.impl.server.registration;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code token_endpoint_auth_method} values a registered client may choose (RFC 7591 §2). The token endpoint
 * accepts a secret by either of the first two; {@code none} makes a public client, with no secret.
 */
public enum TokenEndpointAuthMethod {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
    NONE("none");

    private final String value;

    TokenEndpointAuthMethod(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean confidential() {
        return this != NONE;
    }

    public static Optional<TokenEndpointAuthMethod> parse(String value) {
        return Arrays.stream(values()).filter(method -> method.value.equals(value)).findFirst();
    }
}
