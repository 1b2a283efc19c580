package dev.tollgate.impl.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the gate verifies JWT access tokens: where the keys come from, and the validation policy. Built and
 * validated by {@code GateConfig.from}; the keys are documented there.
 *
 * @param issuer the expected {@code iss}, and the base URL for discovery
 * @param discovery whether to look up {@code jwks_uri} in the issuer's metadata
 * @param jwksUri an explicit JWK set URL; wins over discovery
 * @param jwksFile a local JWK set file; wins over both
 * @param audiences accepted {@code aud} values; empty means {@code aud} is not checked
 * @param algorithms accepted asymmetric JWS algorithms (HS256 is added when {@code hmacSecret} is set)
 * @param hmacSecret the HS256 secret; HS256 is refused without one
 * @param requiredType the JOSE {@code typ} every token must carry, normalised (lower case, no {@code application/})
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param jwksCacheTtl how long a fetched JWK set is used before it is fetched again
 * @param jwksRefreshCooldown the least time between two fetches of the JWK set (or of the discovery document)
 */
public record JwtConfig(Optional<String> issuer, boolean discovery, Optional<URI> jwksUri, Optional<Path> jwksFile,
                        Set<String> audiences, Set<JWSAlgorithm> algorithms, Optional<HmacSecret> hmacSecret,
                        Optional<String> requiredType, Duration clockSkew, Duration jwksCacheTtl,
                        Duration jwksRefreshCooldown, Duration connectTimeout, Duration readTimeout) {

    public JwtConfig {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(jwksFile, "jwksFile");
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(hmacSecret, "hmacSecret");
        requiredType = requiredType.map(JwtConfig::normaliseType);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(jwksCacheTtl, "jwksCacheTtl");
        Objects.requireNonNull(jwksRefreshCooldown, "jwksRefreshCooldown");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /** Every algorithm a token may use: the asymmetric ones, plus HS256 when a secret is set. */
    public Set<JWSAlgorithm> acceptedAlgorithms() {
        if (hmacSecret.isEmpty()) {
            return algorithms;
        }
        java.util.HashSet<JWSAlgorithm> all = new java.util.HashSet<>(algorithms);
        all.add(JWSAlgorithm.HS256);
        return Set.copyOf(all);
    }

    /** Whether any key is configured that could verify a JWT. */
    public boolean hasKeySource() {
        return jwksFile.isPresent() || jwksUri.isPresent() || (issuer.isPresent() && discovery);
    }

    /**
     * {@code typ} values compare case-insensitively, and {@code application/at+jwt} is {@code at+jwt}
     * (RFC 7515 §4.1.9).
     */
    public static String normaliseType(String type) {
        String lower = type.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }
}
