package dev.tollgate.impl.server.token;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorization server's issuer identifier: sent as {@code iss} in every authorization response (RFC 9207 §2)
 * and the {@code iss} of its tokens.
 *
 * <p>Configured by {@code tollgate.server.issuer}; without it, the base URL of the request
 * ({@code scheme://host[:port]}, the port left out when it is the scheme's default). Behind a proxy that changes
 * the scheme or host, configure it.
 *
 * <p>{@link #resolve} is the only place the issuer is derived: the token, revocation, introspection and discovery
 * endpoints get theirs through {@code TokenSettings.issuerFor}, which calls it, and the configured value is read
 * and checked once, by {@code TokenSettings.from}.
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

    /** The configured issuer when there is one, else the request's base URL. */
    public static Issuer resolve(Optional<String> configured, String scheme, String host, int port) {
        if (configured.isPresent()) {
            return new Issuer(configured.get().endsWith("/")
                    ? configured.get().substring(0, configured.get().length() - 1) : configured.get());
        }
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || ("http".equals(lowerScheme) && port == 80)
                || ("https".equals(lowerScheme) && port == 443);
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new Issuer(lowerScheme + "://" + hostPart + (defaultPort ? "" : ":" + port));
    }

    @Override
    public String toString() {
        return value;
    }
}
