package dev.tollgate.impl.server.dpop;

import com.nimbusds.jose.util.Base64URL;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.dpop.DpopNonces;
import dev.tollgate.impl.dpop.DpopProofRules;
import dev.tollgate.impl.dpop.ReplayCache;
import dev.tollgate.impl.dpop.TargetUri;
import dev.tollgate.impl.jwt.HmacSecret;
import dev.tollgate.impl.server.key.KeyEncryptionKey;
import dev.tollgate.impl.server.replay.UsedJtis;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorization server's DPoP proof check (RFC 9449 §4.3, §5): the gate's {@link DpopProofRules}, with the
 * cluster's {@link UsedJtis} as the replay store (a proof is accepted once across every node, §11.1) and nonces
 * derived from the key-encryption key (every node accepts every other's, §8). Errors are the server's OAuth errors:
 * {@code invalid_dpop_proof} (400 at the token endpoint, §5) or {@code use_dpop_nonce} with a {@code DPoP-Nonce}
 * header (§8). Thread-safe.
 */
public final class DpopProofCheck {

    /** The request header that carries the proof (RFC 9449 §4.1). */
    public static final String HEADER = "DPoP";

    /** The label of the nonce key derived from the key-encryption key. */
    static final String NONCE_LABEL = "tollgate/dpop/nonce/v1";

    private final DpopSettings settings;
    private final DpopProofRules rules;
    private final UsedJtis usedJtis;

    public DpopProofCheck(DpopSettings settings, UsedJtis usedJtis, KeyEncryptionKey keyEncryptionKey, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.usedJtis = Objects.requireNonNull(usedJtis, "usedJtis");
        Optional<DpopNonces> nonces = settings.nonce()
                ? Optional.of(new DpopNonces(nonceSecret(keyEncryptionKey), settings.nonceLifetime(), clock))
                : Optional.empty();
        this.rules = new DpopProofRules(settings.algorithms(), settings.proofLifetime(), settings.clockSkew(), nonces,
                clock);
    }

    public DpopSettings settings() {
        return settings;
    }

    /** The nonce to send in {@code DPoP-Nonce} with a response (§8.2); empty when proofs need none. */
    public Optional<String> currentNonce() {
        return rules.currentNonce();
    }

    /**
     * The proof of a token request (§5), when it has one.
     *
     * @param proofs        the values of the request's {@code DPoP} headers
     * @param tokenEndpoint the token endpoint's URL under the issuer, what {@code htu} must name
     * @return the proof key's JWK SHA-256 thumbprint, to bind the tokens to; empty when the request has no proof
     * @throws OAuthException invalid_dpop_proof, use_dpop_nonce
     */
    public Optional<String> tokenRequest(List<String> proofs, URI tokenEndpoint) {
        if (proofs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(check(proofs, "POST", tokenEndpoint, Optional.empty(), Optional.empty()));
    }

    /**
     * The proof of a request to a protected endpoint of the server's (userinfo) with a DPoP-bound token (§7).
     *
     * @param boundKey the token's {@code cnf.jkt}
     * @throws OAuthException invalid_dpop_proof, use_dpop_nonce; invalid_token when the key is not the token's
     */
    public void resourceRequest(List<String> proofs, String method, URI endpoint, String accessToken,
                                String boundKey) {
        check(proofs, method, endpoint, Optional.of(accessToken), Optional.of(boundKey));
    }

    private String check(List<String> proofs, String method, URI endpoint, Optional<String> accessToken,
                         Optional<String> boundKey) {
        // §4.3 point 1: not more than one DPoP header
        if (proofs.size() != 1 || proofs.get(0) == null) {
            throw refused(proofs.isEmpty() ? ProblemType.DPOP_PROOF_MISSING : ProblemType.DPOP_PROOF_MULTIPLE);
        }
        String htu = TargetUri.normalize(endpoint.toString())
                .orElseThrow(() -> new IllegalStateException("not an http(s) endpoint URL: " + endpoint));
        DpopProofRules.Outcome outcome = rules.check(proofs.get(0).trim(), method, htu, accessToken, boundKey,
                (thumbprint, jti, now, expiresAt) -> usedJtis.markUsed(UsedJtis.Purpose.DPOP_PROOF, thumbprint, jti,
                        Instant.ofEpochMilli(expiresAt)) ? ReplayCache.Outcome.FIRST_USE
                        : ReplayCache.Outcome.REPLAYED);
        if (outcome instanceof DpopProofRules.Accepted accepted) {
            return accepted.thumbprint();
        }
        if (outcome instanceof DpopProofRules.Refused refused) {
            throw refused(refused.problem());
        }
        // UsedJtis answers or throws (a StoreException, a 503): it is never full
        throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, "the DPoP proof cannot be checked now");
    }

    /** The OAuth error of a refused proof, with the current nonce when proofs need one (§8). */
    OAuthException refused(ProblemType problem) {
        OAuthError error = switch (problem) {
            case DPOP_NONCE -> OAuthError.USE_DPOP_NONCE;
            case DPOP_KEY_BINDING -> OAuthError.INVALID_TOKEN;
            default -> OAuthError.INVALID_DPOP_PROOF;
        };
        String description = problem.title();
        return currentNonce().map(nonce -> OAuthException.withDpopNonce(error, description, nonce))
                .orElseGet(() -> new OAuthException(error, description));
    }

    /** A proof is required but the request has none. */
    public OAuthException missing(String description) {
        return currentNonce().map(nonce -> OAuthException.withDpopNonce(OAuthError.INVALID_DPOP_PROOF, description,
                nonce)).orElseGet(() -> new OAuthException(OAuthError.INVALID_DPOP_PROOF, description));
    }

    private static HmacSecret nonceSecret(KeyEncryptionKey keyEncryptionKey) {
        byte[] key = keyEncryptionKey.derive(NONCE_LABEL);
        try {
            return HmacSecret.of(Base64URL.encode(key).toString().toCharArray());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
