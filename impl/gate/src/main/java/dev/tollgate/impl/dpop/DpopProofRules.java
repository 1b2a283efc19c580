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
import dev.tollgate.impl.jwt.CompactJws;
import dev.tollgate.impl.jwt.Ed25519Verifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The one set of DPoP proof rules (RFC 9449 §4.3), which both the gate (a resource server, §7) and the
 * authorization server's token and userinfo endpoints (§5) apply: checks made differently in two places would be a
 * trust leak. Only what differs between the two is given: the expected method and URI, the access token and bound
 * key when there is one, and where a proof's {@code jti} is remembered ({@link ReplayCheck}: a node's
 * {@link ReplayCache} at the gate, the cluster's table at the server).
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
 *   <li>{@code nonce} is a current one of ours, when nonces are asked for (point 10, §9);
 *   <li>{@code iat} is at most {@code maxProofAge} plus the clock skew old, and at most the clock skew ahead
 *       (point 11);
 *   <li>with an access token: {@code ath} is the base64url SHA-256 of the token (point 12);
 *   <li>with a bound key: the JWK SHA-256 thumbprint (RFC 7638) is the token's {@code cnf.jkt} (§6.1, §7.1);
 *   <li>the proof was not seen in the replay window (§11.1), recorded only once all else passed.
 * </ol>
 * Nothing of a proof ever reaches a log. No input throws: whatever Nimbus or the JDK throws while reading it is a
 * malformed proof.
 */
public final class DpopProofRules {

    private static final Logger LOG = Logger.getLogger(DpopProofRules.class.getName());

    /** §4.2: the proof's {@code typ}. */
    static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");

    /** RFC 7517 §4 / RFC 7518 §6: the members that make a JWK private (or secret). */
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private static final int MIN_RSA_BITS = 2048;

    /** Where a proof's {@code jti} is remembered (§11.1): pluggable, so that a cluster can share one store. */
    @FunctionalInterface
    public interface ReplayCheck {
        /**
         * Records the proof as used, unless it was used before.
         *
         * @param thumbprint the proof key's JWK SHA-256 thumbprint: proofs of different keys never collide
         * @param expiresAtMillis until when the proof could be accepted again: the record is useless after it
         */
        ReplayCache.Outcome firstUse(String thumbprint, String jti, long nowMillis, long expiresAtMillis);
    }

    /** What a proof came to. */
    public sealed interface Outcome {
    }

    /**
     * A good proof.
     *
     * @param thumbprint the JWK SHA-256 thumbprint (RFC 7638) of its key: what a token is bound to ({@code cnf.jkt})
     */
    public record Accepted(String thumbprint) implements Outcome {
    }

    /** A bad proof, and why. */
    public record Refused(ProblemType problem) implements Outcome {
    }

    /** The replay store could not vouch for the proof (full, or unreachable). */
    public record Unavailable() implements Outcome {
    }

    private final Set<JWSAlgorithm> algorithms;
    private final Duration maxProofAge;
    private final Duration clockSkew;
    /** Null when proofs need no nonce. */
    private final DpopNonces nonces;
    private final Clock clock;

    /**
     * @param algorithms the accepted proof algorithms: asymmetric only (§4.3 point 5)
     * @param nonces     the nonces a proof must carry one of; empty: none asked for
     */
    public DpopProofRules(Set<JWSAlgorithm> algorithms, Duration maxProofAge, Duration clockSkew,
                          Optional<DpopNonces> nonces, Clock clock) {
        this.algorithms = Collections.unmodifiableSet(new LinkedHashSet<>(algorithms));
        for (JWSAlgorithm alg : this.algorithms) {
            if (!JWSAlgorithm.Family.SIGNATURE.contains(alg)) {
                throw new IllegalArgumentException("not an asymmetric signature algorithm: " + alg);
            }
        }
        this.maxProofAge = Objects.requireNonNull(maxProofAge, "maxProofAge");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        this.nonces = nonces.orElse(null);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * How long a {@code jti} must be remembered after it was first seen: a proof is accepted while
     * {@code iat >= now - maxProofAge - clockSkew}, and {@code iat <= firstSeen + clockSkew}, so it can come back at
     * most {@code maxProofAge + 2 * clockSkew} after it was first seen.
     */
    public Duration replayWindow() {
        return maxProofAge.plus(clockSkew).plus(clockSkew);
    }

    public Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    /** The nonce to send in {@code DPoP-Nonce} (RFC 9449 §9); empty when proofs need none. */
    public Optional<String> currentNonce() {
        return nonces == null ? Optional.empty() : Optional.of(nonces.current());
    }

    /**
     * @param proof       the one {@code DPoP} header's value
     * @param method      the request method
     * @param htu         the request's URI as {@link TargetUri} normalised it
     * @param accessToken the access token the request carries, whose hash {@code ath} must be; empty at the token
     *                    endpoint, where there is none (a proof's {@code ath} is then ignored)
     * @param boundKey    the thumbprint the proof's key must have (the token's {@code cnf.jkt}); empty: any key
     * @param replays     where the proof's {@code jti} is recorded, once all else passed
     */
    public Outcome check(String proof, String method, String htu, Optional<String> accessToken,
                         Optional<String> boundKey, ReplayCheck replays) {
        if (proof.length() > DpopConfig.MAX_PROOF_SIZE) {
            return refuse(ProblemType.DPOP_PROOF_TOO_LARGE);
        }
        try {
            return checkOrThrow(proof, method, htu, accessToken, boundKey, replays);
        } catch (StackOverflowError | RuntimeException e) {
            LOG.fine(() -> "DPoP proof refused: unexpected " + e.getClass().getSimpleName() + " while reading it");
            return refuse(ProblemType.DPOP_PROOF_MALFORMED);
        }
    }

    private Outcome checkOrThrow(String proof, String method, String htu, Optional<String> accessToken,
                                 Optional<String> boundKey, ReplayCheck replays) {
        // 2. a well-formed JWS: three parts, a JSON header
        int dot = proof.indexOf('.');
        if (dot <= 0 || !CompactJws.hasThreeParts(proof)) {
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
        if (!(rawHeader.get("alg") instanceof String algName) || !algorithms.contains(JWSAlgorithm.parse(algName))) {
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
            jwt = CompactJws.parse(proof);
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
        // 10. nonce: a current one of ours, when we ask for one (§9)
        if (nonces != null && !(claims.get("nonce") instanceof String nonce && nonces.isValid(nonce))) {
            return refuse(ProblemType.DPOP_NONCE);
        }
        // 11. iat: within the window
        long now = clock.millis();
        long skew = clockSkew.toMillis();
        long iat = issuedAt.getTime();
        if (iat > now + skew) {
            return refuse(ProblemType.DPOP_PROOF_FUTURE);
        }
        if (iat < now - maxProofAge.toMillis() - skew) {
            return refuse(ProblemType.DPOP_PROOF_STALE);
        }
        // 12. ath: the token this proof was made for (REQUIRED with an access token, §4.2)
        if (accessToken.isPresent() && !(claims.get("ath") instanceof String ath
                && MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII), tokenHash(accessToken.get())))) {
            return refuse(ProblemType.DPOP_PROOF_TOKEN_HASH);
        }
        // §6.1 / §7.1: the key the token is bound to
        String thumbprint;
        try {
            thumbprint = jwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            return refuse(ProblemType.DPOP_PROOF_KEY);
        }
        if (boundKey.isPresent() && !thumbprint.equals(boundKey.get())) {
            return refuse(ProblemType.DPOP_KEY_BINDING);
        }
        // §11.1: last, so that a proof refused for anything else cannot fill the store or block a good one
        return switch (replays.firstUse(thumbprint, jti, now, now + replayWindow().toMillis())) {
            case FIRST_USE -> new Accepted(thumbprint);
            case REPLAYED -> refuse(ProblemType.DPOP_PROOF_REPLAYED);
            case FULL -> new Unavailable();
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

    private static Refused refuse(ProblemType problem) {
        LOG.fine(() -> "DPoP proof refused: " + problem);
        return new Refused(problem);
    }
}
