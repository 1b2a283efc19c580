package dev.tollgate.impl.server.token;

import java.net.URI;
import java.util.Objects;

/**
 * The authorization server's issuer identifier: sent as {@code iss} in every authorization response (RFC 9207 §2),
 * the {@code iss} of its tokens, the {@code issuer} of its metadata (RFC 8414 §2) and the base of every endpoint URL
 * it advertises.
 *
 * <p>Always configuration ({@code tollgate.server.issuer}, read and checked once by {@code TokenSettings.from}),
 * never a request's {@code Host} or forwarded headers: derived from the request, it would follow whatever a client
 * sends, and a shared cache would keep the discovery document of a spoofed host (RFC 8414 §6.2).
 */
public record Issuer(String value) {

    public static final String KEY = "tollgate.server.issuer";

    public Issuer {
        Objects.requireNonNull(value, "value");
        URI uri = URI.create(value);
        if (!uri.isAbsolute() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("an issuer is an absolute URL without query or fragment");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
