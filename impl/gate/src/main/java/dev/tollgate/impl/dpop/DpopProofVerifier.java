package dev.tollgate.impl.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import dev.tollgate.impl.jwt.HmacSecret;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Checks the DPoP proof that comes with a DPoP-bound access token at a resource server: RFC 9449 §4.3, plus the
 * token's binding (§6.1, §7.1) and replay (§11.1). The token itself has been verified already, and is bound
 * ({@code cnf.jkt}).
 *
 * <p>The rules are {@link DpopProofRules}', which the authorization server applies too; what is the gate's own is
 * the replay store ({@link ReplayCache}, one per node) and how outcomes become {@link VerificationResult}s.
 */
public final class DpopProofVerifier {

    private static final Logger LOG = Logger.getLogger(DpopProofVerifier.class.getName());

    private final DpopConfig config;
    private final DpopProofRules rules;
    private final ReplayCache replays;
    private final long retryAfterSeconds;

    public DpopProofVerifier(DpopConfig config, Clock clock) {
        this.config = config;
        this.replays = new ReplayCache(config.replayCacheSize(), config.replayWindow().toMillis());
        this.retryAfterSeconds = Math.max(1, config.replayWindow().toSeconds());
        Optional<DpopNonces> nonces = config.nonce() ? Optional.of(new DpopNonces(
                config.nonceSecret().orElseGet(DpopProofVerifier::randomSecret), config.nonceLifetime(), clock))
                : Optional.empty();
        this.rules = new DpopProofRules(config.algorithms(), config.maxProofAge(), config.clockSkew(), nonces, clock);
    }

    /** The nonce to send in {@code DPoP-Nonce} (RFC 9449 §9); empty when proofs need none. */
    public Optional<String> currentNonce() {
        return rules.currentNonce();
    }

    /** A key of this node's alone, for nonces when no shared secret is configured. */
    private static HmacSecret randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return HmacSecret.of(Base64URL.encode(bytes).toString().toCharArray());
    }

    /**
     * @param proof the one {@code DPoP} header's value
     * @param method the request method
     * @param htu the request's URI as {@link TargetUri#ofRequest} normalised it
     * @param accessToken the access token the request carries
     * @param token the token's successful verification, with its {@code cnf.jkt}
     * @return {@code token} when the proof is good; otherwise the failure (or {@code Unavailable} when the replay
     *     cache is full of live proofs and cannot vouch for a new one)
     */
    public VerificationResult verify(String proof, String method, String htu, String accessToken, Success token) {
        DpopProofRules.Outcome outcome = rules.check(proof, method, htu, Optional.of(accessToken),
                Optional.of(token.boundKeyThumbprint()),
                (thumbprint, jti, now, expiresAt) -> replays.firstUse(thumbprint, jti, now));
        if (outcome instanceof DpopProofRules.Refused refused) {
            return Failure.of(refused.problem());
        }
        if (outcome instanceof DpopProofRules.Unavailable) {
            LOG.warning(() -> "Tollgate gate: the DPoP replay cache is full (" + config.replayCacheSize()
                    + " proofs in the last " + config.replayWindow().toSeconds() + " s); raise"
                    + " tollgate.gate.dpop.replay-cache-size. Proofs are refused with 503 until entries expire");
            return new VerificationResult.Unavailable(retryAfterSeconds);
        }
        return token;
    }

    /** The proofs remembered now, for tests and the benchmark. */
    int replayCacheSize() {
        return replays.size();
    }

    Set<JWSAlgorithm> algorithms() {
        return config.algorithms();
    }
}
