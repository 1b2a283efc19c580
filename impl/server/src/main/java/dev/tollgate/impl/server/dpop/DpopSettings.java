package dev.tollgate.impl.server.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the authorization server checks DPoP proofs (RFC 9449) at its token and userinfo endpoints. Read once from
 * {@code tollgate.server.dpop.*}:
 *
 * <table>
 *   <caption>DPoP settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code algorithms}</td><td>{@code ES256,RS256,PS256,EdDSA}</td><td>accepted proof algorithms,
 *       advertised as {@code dpop_signing_alg_values_supported}; asymmetric only (§4.3 point 5)</td></tr>
 *   <tr><td>{@code proof-lifetime}</td><td>{@code 60s}</td><td>how old a proof's {@code iat} may be (1s to
 *       10m)</td></tr>
 *   <tr><td>{@code clock-skew}</td><td>{@code 5s}</td><td>how far ahead a proof's {@code iat} may be, and extra
 *       age allowed (0s to 5m)</td></tr>
 *   <tr><td>{@code nonce}</td><td>{@code false}</td><td>require the server's nonce in proofs (§8):
 *       {@code use_dpop_nonce} with a {@code DPoP-Nonce} header; derived from the key-encryption key, so every node
 *       accepts every other's</td></tr>
 *   <tr><td>{@code nonce-lifetime}</td><td>{@code 60s}</td><td>a nonce is accepted for one to two of these (5s to
 *       10m)</td></tr>
 *   <tr><td>{@code required}</td><td>{@code false}</td><td>every token request must carry a proof, as if every
 *       client had {@code dpop_bound_access_tokens}</td></tr>
 * </table>
 */
public record DpopSettings(Set<JWSAlgorithm> algorithms, Duration proofLifetime, Duration clockSkew, boolean nonce,
                           Duration nonceLifetime, boolean required) {

    public static final String PREFIX = "tollgate.server.dpop.";

    /** The algorithms a proof may be signed with: RFC 9449 §4.3 point 5, asymmetric only. */
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.copyOf(JWSAlgorithm.Family.SIGNATURE);

    public DpopSettings {
        algorithms = Collections.unmodifiableSet(new LinkedHashSet<>(algorithms));
        Objects.requireNonNull(proofLifetime, "proofLifetime");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
    }

    public static DpopSettings defaults() {
        return new DpopSettings(new LinkedHashSet<>(List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256,
                JWSAlgorithm.PS256, JWSAlgorithm.EdDSA)), Duration.ofSeconds(60), Duration.ofSeconds(5), false,
                Duration.ofSeconds(60), false);
    }

    /** @throws ConfigurationException naming the key at fault */
    public static DpopSettings from(ConfigSource source) {
        Settings settings = new Settings(source, PREFIX);
        DpopSettings defaults = defaults();
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : settings.list("algorithms", defaults.algorithms().stream().map(JWSAlgorithm::getName)
                .toList())) {
            JWSAlgorithm algorithm = ASYMMETRIC.stream()
                    .filter(a -> a.getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new ConfigurationException(settings.key("algorithms"), "'" + name + "' is not"
                            + " accepted: a DPoP proof is signed with an asymmetric key (RFC 9449 §4.3): RS256,"
                            + " RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519"));
            algorithms.add(algorithm);
        }
        if (algorithms.isEmpty()) {
            throw new ConfigurationException(settings.key("algorithms"), "must name at least one algorithm");
        }
        return new DpopSettings(algorithms,
                bounded(settings, "proof-lifetime", defaults.proofLifetime(), Duration.ofSeconds(1),
                        Duration.ofMinutes(10)),
                bounded(settings, "clock-skew", defaults.clockSkew(), Duration.ZERO, Duration.ofMinutes(5)),
                settings.bool("nonce", false),
                bounded(settings, "nonce-lifetime", defaults.nonceLifetime(), Duration.ofSeconds(5),
                        Duration.ofMinutes(10)),
                settings.bool("required", false));
    }

    /** The algorithm names, for {@code dpop_signing_alg_values_supported} (RFC 9449 §5.1). */
    public List<String> algorithmNames() {
        return algorithms.stream().map(JWSAlgorithm::getName).toList();
    }

    private static Duration bounded(Settings settings, String key, Duration defaultValue, Duration min,
                                    Duration max) {
        Duration value = settings.duration(key, defaultValue);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigurationException(settings.key(key), "must be from " + min.toSeconds() + "s to "
                    + max.toSeconds() + "s");
        }
        return value;
    }
}
