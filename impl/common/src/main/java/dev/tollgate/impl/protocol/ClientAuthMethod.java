package dev.tollgate.impl.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a client authenticates at the token endpoint: the {@code token_endpoint_auth_method} values of RFC 7591 §2
 * (also the {@code *_auth_methods_supported} values of RFC 8414 §2) that Tollgate implements.
 *
 * <p>Whether a client is confidential and whether it holds a client secret are asked apart, because they part
 * ways with {@code private_key_jwt} (RFC 7523 §2.2): confidential, with a key instead of a secret.
 */
public enum ClientAuthMethod {
    /** RFC 6749 §2.3.1: HTTP Basic with the form-urlencoded client id and secret. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** RFC 6749 §2.3.1: {@code client_id} and {@code client_secret} in the request body. */
    CLIENT_SECRET_POST("client_secret_post"),
    /** RFC 7591 §2: a public client, which names itself with {@code client_id} and proves nothing. */
    NONE("none"),
    /**
     * RFC 7523 §2.2 and OpenID Connect Core §9: a JWT ({@code client_assertion}) signed with a private key whose
     * public key the client registered; confidential, with no secret.
     */
    PRIVATE_KEY_JWT("private_key_jwt");

    private final String value;

    ClientAuthMethod(String value) {
        this.value = value;
    }

    /** The {@code token_endpoint_auth_method} value. */
    public String value() {
        return value;
    }

    /** Whether the client authenticates at all: a confidential client (RFC 6749 §2.1). */
    public boolean confidential() {
        return this != NONE;
    }

    /** Whether the method proves the client with its {@code client_secret}. */
    public boolean usesClientSecret() {
        return this == CLIENT_SECRET_BASIC || this == CLIENT_SECRET_POST;
    }

    /** The method whose value is exactly {@code value}; empty for any other method. */
    public static Optional<ClientAuthMethod> parse(String value) {
        return Arrays.stream(values()).filter(method -> method.value.equals(value)).findFirst();
    }
}
