package dev.tollgate.impl.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import dev.tollgate.impl.jwt.HmacSecret;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the gate checks DPoP proofs (RFC 9449 §4.3), read once from {@code tollgate.gate.dpop.*}.
 *
 * @param enabled whether the {@code DPoP} scheme is accepted (it needs {@code tollgate.gate.external-base-url})
 * @param required whether only DPoP-bound tokens are admitted ({@code dpop_bound_access_tokens_required},
 *     RFC 9728 §2): a Bearer token is then refused
 * @param algorithms the accepted proof algorithms: asymmetric only (§4.3 point 5), never {@code none} or HMAC
 * @param maxProofAge how old a proof's {@code iat} may be, on top of {@code clockSkew}
 * @param clockSkew the gate's clock skew: how far in the future {@code iat} may be, and extra age allowed
 * @param replayCacheSize how many proofs ({@code jti}) are remembered per node
 * @param nonce whether every proof must carry the gate's current nonce (RFC 9449 §9)
 * @param nonceLifetime how long a nonce's slot lasts; a nonce is accepted during its slot and the next
 * @param nonceSecret the key nonces are made with: the same on every node, or each node refuses the others' nonces;
 *     empty: a random key of this node's
 */
public record DpopConfig(boolean enabled, boolean required, Set<JWSAlgorithm> algorithms, Duration maxProofAge,
                         Duration clockSkew, int replayCacheSize, boolean nonce, Duration nonceLifetime,
                         Optional<HmacSecret> nonceSecret) {

    /** The largest proof read, in bytes: an RSA-4096 proof is about 2.3 KB; anything far larger is refused unread. */
    public static final int MAX_PROOF_SIZE = 8192;

    /** The default algorithms: the four §4.3 names most servers issue proofs for. */
    public static final List<JWSAlgorithm> DEFAULT_ALGORITHMS = List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256,
            JWSAlgorithm.PS256, JWSAlgorithm.EdDSA);

    public DpopConfig {
        // in the configured order, for algs and dpop_signing_alg_values_supported
        algorithms = Collections.unmodifiableSet(new LinkedHashSet<>(algorithms));
        Objects.requireNonNull(maxProofAge, "maxProofAge");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        Objects.requireNonNull(nonceSecret, "nonceSecret");
    }

    /** Without nonces. */
    public DpopConfig(boolean enabled, boolean required, Set<JWSAlgorithm> algorithms, Duration maxProofAge,
                      Duration clockSkew, int replayCacheSize) {
        this(enabled, required, algorithms, maxProofAge, clockSkew, replayCacheSize, false, Duration.ofSeconds(60),
                Optional.empty());
    }

    /** DPoP off: the {@code DPoP} scheme is not read; DPoP-bound tokens are still refused as Bearer (§7.2). */
    public static DpopConfig off(Duration clockSkew) {
        return new DpopConfig(false, false, new LinkedHashSet<>(DEFAULT_ALGORITHMS), Duration.ofSeconds(60),
                clockSkew, 0);
    }

    /** The algorithms, space-separated, as RFC 9449 §7.1's {@code algs} lists them. */
    public String algorithmNames() {
        return String.join(" ", algorithms.stream().map(JWSAlgorithm::getName).toList());
    }

    /**
     * How long a {@code jti} must be remembered after it was first seen: a proof is accepted while
     * {@code iat >= now - maxProofAge - clockSkew}, and {@code iat <= firstSeen + clockSkew}, so it can come back at
     * most {@code maxProofAge + 2 * clockSkew} after it was first seen.
     */
    public Duration replayWindow() {
        return maxProofAge.plus(clockSkew).plus(clockSkew);
    }
}
