package dev.tollgate.impl.introspect;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how the gate introspects opaque tokens (RFC 7662), and what it expects of the answer. Built and
 * validated by {@code GateConfig.from}; the keys are documented there.
 *
 * @param endpoint the introspection endpoint
 * @param clientId the gate's client id, sent with client_secret_basic
 * @param clientSecret the gate's client secret; never printed
 * @param maxCache the longest an active answer is reused (never past the token's {@code exp})
 * @param inactiveCache how long an inactive answer (or one refused for its issuer or audience) is reused
 * @param issuer the {@code iss} an active answer must name (the {@code issuer} key); empty: not checked
 * @param audiences the {@code aud} values of which an active answer must name one (the {@code audience} key);
 *     empty: not checked
 */
public record IntrospectionConfig(URI endpoint, String clientId, String clientSecret, Duration maxCache,
                                  Duration inactiveCache, Duration connectTimeout, Duration readTimeout,
                                  Optional<String> issuer, Set<String> audiences) {

    public IntrospectionConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(maxCache, "maxCache");
        Objects.requireNonNull(inactiveCache, "inactiveCache");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(audiences);
    }

    @Override
    public String toString() {
        return "IntrospectionConfig[endpoint=" + endpoint + ", clientId=" + clientId + ", clientSecret=****, maxCache="
                + maxCache + ", inactiveCache=" + inactiveCache + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", issuer=" + issuer + ", audiences=" + audiences + "]";
    }
}
