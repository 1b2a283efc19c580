package dev.tollgate.impl.server.assertion;

import com.nimbusds.jose.JWSAlgorithm;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of {@code private_key_jwt} client authentication (RFC 7523 §2.2), read once.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code tollgate.server.client-assertion.max-lifetime}</td><td>{@code 5m} (10 s to 1 h): the latest
 *       {@code exp} accepted, from now</td></tr>
 *   <tr><td>{@code tollgate.server.client-assertion.clock-skew}</td><td>{@code 30s} (0 to 5 min)</td></tr>
 *   <tr><td>{@code tollgate.server.client-assertion.algorithms}</td><td>{@code RS256,RS384,RS512,PS256,PS384,
 *       PS512,ES256,ES384,ES512}: asymmetric algorithms only</td></tr>
 *   <tr><td>{@code tollgate.server.client-assertion.jwks-uri-hosts}</td><td>none: the hosts whose
 *       {@code jwks_uri} a client may register; empty refuses {@code jwks_uri}</td></tr>
 * </table>
 *
 * @param maxLifetime  how far in the future an assertion's {@code exp} may be (RFC 7523 §3 item 4 lets the server
 *                     refuse a far expiry; a short one bounds the replay ledger too)
 * @param algorithms   the JWS algorithms accepted, never {@code none} nor HMAC
 * @param jwksUriHosts hosts a {@code jwks_uri} may name, lower case
 */
public record ClientAssertionSettings(Duration maxLifetime, Duration clockSkew, Set<JWSAlgorithm> algorithms,
                                      Set<String> jwksUriHosts) {

    public static final String PREFIX = "tollgate.server.client-assertion.";
    public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384",
            "PS512", "ES256", "ES384", "ES512");

    public ClientAssertionSettings {
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(clockSkew, "clockSkew");
        algorithms = Set.copyOf(algorithms);
        jwksUriHosts = Set.copyOf(jwksUriHosts);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm");
        }
    }

    public static ClientAssertionSettings defaults() {
        return new ClientAssertionSettings(Duration.ofMinutes(5), Duration.ofSeconds(30),
                DEFAULT_ALGORITHMS.stream().map(JWSAlgorithm::parse).collect(java.util.stream.Collectors.toSet()),
                Set.of());
    }

    /** @throws ConfigurationException naming the key of an invalid value */
    public static ClientAssertionSettings from(ConfigSource config) {
        Settings settings = new Settings(config, PREFIX);
        Duration maxLifetime = settings.duration("max-lifetime", Duration.ofMinutes(5));
        if (maxLifetime.compareTo(Duration.ofSeconds(10)) < 0 || maxLifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigurationException(settings.key("max-lifetime"), "must be between 10s and 1h");
        }
        Duration skew = settings.duration("clock-skew", Duration.ofSeconds(30));
        if (skew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigurationException(settings.key("clock-skew"), "must be between 0s and 5m");
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : settings.list("algorithms", DEFAULT_ALGORITHMS)) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
            if (!ClientAssertionVerifier.SUPPORTED.contains(algorithm)) {
                throw new ConfigurationException(settings.key("algorithms"), "may hold only "
                        + String.join(",", DEFAULT_ALGORITHMS) + " (asymmetric algorithms), was '" + name + "'");
            }
            algorithms.add(algorithm);
        }
        if (algorithms.isEmpty()) {
            throw new ConfigurationException(settings.key("algorithms"), "must name at least one algorithm");
        }
        Set<String> hosts = new LinkedHashSet<>();
        settings.list("jwks-uri-hosts", List.of()).forEach(host -> hosts.add(host.toLowerCase(Locale.ROOT)));
        return new ClientAssertionSettings(maxLifetime, skew, algorithms, hosts);
    }
}
