package dev.tollgate.impl.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.jwt.Ed25519Verifier;
import dev.tollgate.impl.jwt.HmacSecret;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Checks the DPoP proof that comes with a DPoP-bound access token at a resource server: RFC 9449 §4.3, plus the
 * token's binding (§6.1, §7.1) and replay (§11.1). The token itself has been verified already, and is bound
 * ({@code cnf.jkt}).
 *
 * <p>The checks, cheapest and most telling first; each failure is its own problem type:
 * <ol>
 *   <li>size ({@link DpopConfig#MAX_PROOF_SIZE}), then a compact JWS whose header is a JSON object (§4.3 point 2);
 *   <li>{@code typ} is {@code dpop+jwt} (point 4);
 *   <li>{@code alg} is on the allow-list: asymmetric only, never {@code none} nor HMAC (point 5);
 *   <li>{@code jwk} is a public key, with no private member (point 7), of the kind {@code alg} needs, RSA of at
 *       least 2048 bits;
 *   <li>the signature verifies with that {@code jwk} (point 6);
 *   <li>{@code jti}, {@code htm}, {@code htu} and {@code iat} are present, of the right types (point 3);
 *   <li>{@code htm} is the request method (point 8), {@code htu} the request URI without query and fragment
 *       (point 9, compared by {@link TargetUri});
 *   <li>{@code nonce} is the gate's current one, when {@code dpop.nonce} asks for one (point 10, §9);
 *   <li>{@code iat} is at most {@code max-proof-age} plus the clock skew old, and at most the clock skew ahead
 *       (point 11);
 *   <li>{@code ath} is the base64url SHA-256 of the access token (point 12);
 *   <li>the JWK SHA-256 thumbprint (RFC 7638) is the token's {@code cnf.jkt} (§6.1, §7.1);
 *   <li>the proof was not seen in the replay window on this node (§11.1), recorded only once all else passed.
 * </ol>
 * Nothing of a proof ever reaches a log. No input throws: whatever Nimbus or the JDK throws while reading it is a
 * malformed proof.
 */
public final class DpopProofVerifier {

    private static final Logger LOG = Logger.getLogger(DpopProofVerifier.class.getName());

    /** §4.2: the proof's {@code typ}. */
    static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");

    /** RFC 7517 §4 / RFC 7518 §6: the members that make a JWK private (or secret). */
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private static final int MIN_RSA_BITS = 2048;

    private final DpopConfig config;
    private final ReplayCache replays;
    private final Clock clock;
    private final long retryAfterSeconds;
    /** Null when proofs need no nonce. */
    private final DpopNonces nonces;

    public DpopProofVerifier(DpopConfig config, Clock clock) {
        this.config = config;
        this.replays = new ReplayCache(config.replayCacheSize(), config.replayWindow().toMillis());
        this.clock = clock;
        this.retryAfterSeconds = Math.max(1, config.replayWindow().toSeconds());
        this.nonces = config.nonce() ? new DpopNonces(config.nonceSecret().orElseGet(DpopProofVerifier::randomSecret),
                config.nonceLifetime(), clock) : null;
    }

    /** The nonce to send in {@code DPoP-Nonce} (RFC 9449 §9); empty when proofs need none. */
    public Optional<String> currentNonce() {
        return nonces == null ? Optional.empty() : Optional.of(nonces.current());
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
        if (proof.length() > DpopConfig.MAX_PROOF_SIZE) {
            return refuse(ProblemType.DPOP_PROOF_TOO_LARGE);
        }
        try {
            return verifyOrThrow(proof, method, htu, accessToken, token);
        } catch (StackOverflowError | RuntimeException e) {
            LOG.fine(() -> "DPoP proof refused: unexpected " + e.getClass().getSimpleName() + " while reading it");
            return refuse(ProblemType.DPOP_PROOF_MALFORMED);
        }
    }

    private VerificationResult verifyOrThrow(String proof, String method, String htu, String accessToken,
                                             Success token) {
        // 2. a well-formed JWS: three parts, a JSON header
        int dot = proof.indexOf('.');
        if (dot <= 0 || !isCompactJws(proof)) {
            return refuse(ProblemType.DPOP_PROOF_MALFORMED);
        }
        Map<String, Object> rawHeader;
        try {
            rawHeader = JSONObjectUtils.parse(new Base64URL(proof.substring(0, dot)).decodeToString());
        } catch (ParseException e) {
            return refuse(ProblemType.DPOP_PROOF_MALFORMED);
        }
        // 4. typ: before anything else is trusted, so that no other kind of JWT can pass for a proof
        if (!(rawHeader.get("typ") instanceof String typ) || !DPOP_TYPE.getType().equalsIgnoreCase(typ)) {
            return refuse(ProblemType.DPOP_PROOF_TYPE);
        }
        // 5. alg: read from the raw header, so that none and HMAC are refused as such, not as unparseable
        if (!(rawHeader.get("alg") instanceof String algName)
                || !config.algorithms().contains(JWSAlgorithm.parse(algName))) {
            return refuse(ProblemType.DPOP_PROOF_ALGORITHM);
        }
        // 7. jwk: present, an object, with no private member; checked on the raw JSON (Nimbus would refuse a private
        //    jwk as unparseable, which would hide why)
        if (!(rawHeader.get("jwk") instanceof Map<?, ?> rawJwk)
                || PRIVATE_MEMBERS.stream().anyMatch(rawJwk::containsKey)) {
            return refuse(ProblemType.DPOP_PROOF_KEY);
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(proof);
        } catch (ParseException e) {
            return refuse(ProblemType.DPOP_PROOF_MALFORMED);
        }
        JWSHeader header = jwt.getHeader();
        JWK jwk = header.getJWK();
        if (jwk == null || jwk.isPrivate()) {
            return refuse(ProblemType.DPOP_PROOF_KEY);
        }
        Optional<JWSVerifier> verifier = verifierFor(header.getAlgorithm(), jwk);
        if (verifier.isEmpty()) {
            return refuse(ProblemType.DPOP_PROOF_KEY);
        }
        // 6. the signature, with the proof's own key
        try {
            if (!jwt.verify(verifier.get())) {
                return refuse(ProblemType.DPOP_PROOF_SIGNATURE);
            }
        } catch (JOSEException e) {
            return refuse(ProblemType.DPOP_PROOF_SIGNATURE);
        }
        // 3. the claims every proof has (REQUIRED, §4.2)
        Map<String, Object> claims;
        Date issuedAt;
        try {
            claims = jwt.getJWTClaimsSet().getClaims();
            issuedAt = jwt.getJWTClaimsSet().getIssueTime();
        } catch (ParseException e) {
            return refuse(ProblemType.DPOP_PROOF_MALFORMED);
        }
        if (!(claims.get("jti") instanceof String jti) || jti.isEmpty() || !(claims.get("htm") instanceof String htm)
                || !(claims.get("htu") instanceof String proofHtu) || issuedAt == null) {
            return refuse(ProblemType.DPOP_PROOF_MALFORMED);
        }
        // 8. htm: the method, case-sensitively (RFC 9110 §9.1)
        if (!htm.equals(method)) {
            return refuse(ProblemType.DPOP_PROOF_METHOD);
        }
        // 9. htu: the URI, query and fragment ignored, both sides normalised
        if (!TargetUri.normalize(stripQueryAndFragment(proofHtu)).map(htu::equals).orElse(false)) {
            return refuse(ProblemType.DPOP_PROOF_URI);
        }
        // 10. nonce: the gate's current one, when it asks for one (§9)
        if (nonces != null && !(claims.get("nonce") instanceof String nonce && nonces.isValid(nonce))) {
            return refuse(ProblemType.DPOP_NONCE);
        }
        // 11. iat: within the window
        long now = clock.millis();
        long skew = config.clockSkew().toMillis();
        long iat = issuedAt.getTime();
        if (iat > now + skew) {
            return refuse(ProblemType.DPOP_PROOF_FUTURE);
        }
        if (iat < now - config.maxProofAge().toMillis() - skew) {
            return refuse(ProblemType.DPOP_PROOF_STALE);
        }
        // 12. ath: the token this proof was made for (REQUIRED with an access token, §4.2)
        if (!(claims.get("ath") instanceof String ath)
                || !MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII), tokenHash(accessToken))) {
            return refuse(ProblemType.DPOP_PROOF_TOKEN_HASH);
        }
        // §6.1 / §7.1: the key the token is bound to
        String thumbprint;
        try {
            thumbprint = jwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            return refuse(ProblemType.DPOP_PROOF_KEY);
        }
        if (!thumbprint.equals(token.boundKeyThumbprint())) {
            return refuse(ProblemType.DPOP_KEY_BINDING);
        }
        // §11.1: last, so that a proof refused for anything else cannot fill the cache or block a good one
        return switch (replays.firstUse(thumbprint, jti, now)) {
            case FIRST_USE -> token;
            case REPLAYED -> refuse(ProblemType.DPOP_PROOF_REPLAYED);
            case FULL -> {
                LOG.warning(() -> "Tollgate gate: the DPoP replay cache is full (" + config.replayCacheSize()
                        + " proofs in the last " + config.replayWindow().toSeconds() + " s); raise"
                        + " tollgate.gate.dpop.replay-cache-size. Proofs are refused with 503 until entries expire");
                yield new VerificationResult.Unavailable(retryAfterSeconds);
            }
        };
    }

    /**
     * A verifier for {@code alg} with {@code jwk}, when the key is of the kind the algorithm needs; empty otherwise.
     * {@code alg} is on the allow-list already.
     */
    private static Optional<JWSVerifier> verifierFor(JWSAlgorithm alg, JWK jwk) {
        try {
            if (JWSAlgorithm.Family.RSA.contains(alg) && jwk instanceof RSAKey rsa) {
                return rsa.size() >= MIN_RSA_BITS ? Optional.of(new RSASSAVerifier(rsa)) : Optional.empty();
            }
            if (JWSAlgorithm.Family.EC.contains(alg) && jwk instanceof ECKey ec
                    && Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
                return Optional.of(new ECDSAVerifier(ec));
            }
            if (Ed25519Verifier.ALGORITHMS.contains(alg) && jwk instanceof OctetKeyPair okp
                    && Curve.Ed25519.equals(okp.getCurve())) {
                return Optional.of(new Ed25519Verifier(Ed25519Verifier.toPublicKey(okp)));
            }
        } catch (JOSEException e) {
            // fall through: a key that cannot verify anything
        }
        return Optional.empty();
    }

    /** §4.2 ath: base64url (no padding) of the SHA-256 of the token's ASCII octets. */
    static byte[] tokenHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(digest).toString().getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String stripQueryAndFragment(String uri) {
        int end = uri.length();
        int query = uri.indexOf('?');
        int fragment = uri.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return uri.substring(0, end);
    }

    private static boolean isCompactJws(String value) {
        int first = value.indexOf('.');
        int second = first < 0 ? -1 : value.indexOf('.', first + 1);
        return second > first && value.indexOf('.', second + 1) < 0;
    }

    /** The proofs remembered now, for tests and the benchmark. */
    int replayCacheSize() {
        return replays.size();
    }

    Set<JWSAlgorithm> algorithms() {
        return config.algorithms();
    }

    private static Failure refuse(ProblemType problem) {
        LOG.fine(() -> "DPoP proof refused: " + problem);
        return Failure.of(problem);
    }
}
