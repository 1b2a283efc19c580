package dev.tollgate.impl.server.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.server.store.ClientId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks a {@code private_key_jwt} client assertion (RFC 7523 §2.2 and §3; OpenID Connect Core §9) against the
 * client's registered public keys, in this order, the first failure deciding the {@link Failure}:
 * <ol>
 *   <li>a JWS of at most {@value #MAX_LENGTH} characters; an unsecured JWT ({@code alg: none}) or a JWE is
 *       refused;</li>
 *   <li>{@code alg} in the configured allow-list of asymmetric algorithms: never {@code none}, never HMAC (a
 *       secret the server shares proves nothing here);</li>
 *   <li>the signature, by a registered key of the algorithm's type, of the header's {@code kid} when it names one.
 *       {@code jku}, {@code jwk}, {@code x5u} and {@code x5c} of the header are never used;</li>
 *   <li>{@code iss} and {@code sub} both the client id (§3 items 1 and 2);</li>
 *   <li>{@code aud} holds this server's issuer identifier (§3 item 3; see {@link #verify});</li>
 *   <li>{@code exp} present, not passed, and at most {@code max-lifetime} away (§3 item 4); {@code nbf} and
 *       {@code iat}, when present, not in the future (§3 items 5 and 6), all within the clock skew;</li>
 *   <li>{@code jti} present, at most {@value #MAX_JTI_LENGTH} characters, and used for the first time by this
 *       client on any node (§3 item 7), recorded last, so that only an otherwise valid assertion is recorded.</li>
 * </ol>
 * The caller answers every failure alike ({@code invalid_client}); the reason is only logged, at FINE, with the
 * client id and never the assertion. Thread-safe.
 */
public final class ClientAssertionVerifier {

    /** RFC 7521 §4.2 and RFC 7523 §2.2: the {@code client_assertion_type} of a JWT assertion. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The algorithms this verifier can check; the configured allow-list is a subset. */
    public static final Set<JWSAlgorithm> SUPPORTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    static final int MAX_LENGTH = 8192;
    static final int MAX_JTI_LENGTH = 256;
    /** At most this many registered keys are tried for one assertion without a {@code kid}. */
    static final int MAX_CANDIDATES = 4;

    private static final Logger LOG = Logger.getLogger(ClientAssertionVerifier.class.getName());

    /** Why an assertion was refused: for the log and the tests, never for the response. */
    public enum Failure {
        MALFORMED, ALGORITHM_NOT_ALLOWED, UNKNOWN_KEY, BAD_SIGNATURE, WRONG_ISSUER, WRONG_SUBJECT, WRONG_AUDIENCE,
        MISSING_EXPIRY, EXPIRED, EXPIRY_TOO_FAR, NOT_YET_VALID, ISSUED_IN_FUTURE, MISSING_JTI, REPLAYED_JTI
    }

    /** The outcome of one check. */
    public sealed interface Result {
        /** The assertion proves the client. */
        record Accepted() implements Result {
        }

        /** @param failure the first rule it broke */
        record Refused(Failure failure) implements Result {
        }

        default boolean accepted() {
            return this instanceof Accepted;
        }
    }

    /** Records an assertion's {@code jti} once across the cluster ({@code UsedJtis} with CLIENT_ASSERTION). */
    @FunctionalInterface
    public interface JtiLedger {
        /** @return true for the first use of this client's jti, false when it was used before */
        boolean markUsed(ClientId client, String jti, Instant expiresAt);
    }

    private final ClientAssertionSettings settings;
    private final JtiLedger ledger;
    private final Clock clock;

    public ClientAssertionVerifier(ClientAssertionSettings settings, JtiLedger ledger, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ClientAssertionSettings settings() {
        return settings;
    }

    /**
     * The client an assertion names, read without checking anything: its {@code sub} (RFC 7523 §3 item 2), else
     * its {@code iss}. Empty when it is not a JWT with such a claim.
     */
    public static Optional<String> claimedClient(String assertion) {
        if (assertion == null || assertion.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = JWTParser.parse(assertion).getJWTClaimsSet();
            return Optional.ofNullable(claims.getSubject()).or(() -> Optional.ofNullable(claims.getIssuer()));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param client   the client being authenticated
     * @param keys     its registered public keys
     * @param audience this server's issuer identifier. Only it is accepted in {@code aud}, not the token endpoint's
     *                 URL that OpenID Connect Core §9 suggests: an assertion made for an issuer's token endpoint URL
     *                 can be one that a malicious authorization server obtained by naming that URL as its own
     *                 endpoint in its metadata, and then replays here (the audience injection that
     *                 draft-ietf-oauth-rfc7523bis answers by having servers accept their issuer identifier only).
     */
    public Result verify(ClientId client, String assertion, JWKSet keys, String audience) {
        Result result = check(client, assertion, keys, audience);
        if (result instanceof Result.Refused refused && LOG.isLoggable(Level.FINE)) {
            LOG.fine("client assertion of client " + client.value() + " refused: " + refused.failure());
        }
        return result;
    }

    private Result check(ClientId client, String assertion, JWKSet keys, String audience) {
        if (assertion == null || assertion.length() > MAX_LENGTH) {
            return refused(Failure.MALFORMED);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(assertion);
        } catch (ParseException e) {
            return refused(Failure.MALFORMED);
        }
        if (jwt instanceof PlainJWT) {
            return refused(Failure.ALGORITHM_NOT_ALLOWED);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            return refused(Failure.MALFORMED);
        }
        JWSHeader header = signed.getHeader();
        if (!settings.algorithms().contains(header.getAlgorithm())) {
            return refused(Failure.ALGORITHM_NOT_ALLOWED);
        }
        List<JWK> candidates = keys.getKeys().stream()
                .filter(key -> header.getKeyID() == null || header.getKeyID().equals(key.getKeyID()))
                .filter(key -> fits(key, header.getAlgorithm()))
                .limit(MAX_CANDIDATES)
                .toList();
        if (candidates.isEmpty()) {
            return refused(Failure.UNKNOWN_KEY);
        }
        if (candidates.stream().noneMatch(key -> verifies(signed, key))) {
            return refused(Failure.BAD_SIGNATURE);
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            return refused(Failure.MALFORMED);
        }
        // iss (REQUIRED) and sub (REQUIRED): the client_id (RFC 7523 §3 items 1, 2; OpenID Connect Core §9)
        if (!client.value().equals(claims.getIssuer())) {
            return refused(Failure.WRONG_ISSUER);
        }
        if (!client.value().equals(claims.getSubject())) {
            return refused(Failure.WRONG_SUBJECT);
        }
        // aud (REQUIRED): this server's issuer identifier
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            return refused(Failure.WRONG_AUDIENCE);
        }
        // exp (REQUIRED), short; nbf and iat (OPTIONAL) not in the future
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return refused(Failure.MISSING_EXPIRY);
        }
        Instant expiresAt = exp.toInstant();
        if (!now.isBefore(expiresAt.plus(skew))) {
            return refused(Failure.EXPIRED);
        }
        if (expiresAt.isAfter(now.plus(settings.maxLifetime()).plus(skew))) {
            return refused(Failure.EXPIRY_TOO_FAR);
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew))) {
            return refused(Failure.NOT_YET_VALID);
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plus(skew))) {
            return refused(Failure.ISSUED_IN_FUTURE);
        }
        // jti (REQUIRED): once only, across the cluster; kept until the assertion could no longer be accepted
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
            return refused(Failure.MISSING_JTI);
        }
        if (!ledger.markUsed(client, jti, expiresAt.plus(skew))) {
            return refused(Failure.REPLAYED_JTI);
        }
        return new Result.Accepted();
    }

    /** Whether the key may check a signature of this algorithm: its type and curve, its {@code use} and alg. */
    private static boolean fits(JWK key, JWSAlgorithm algorithm) {
        if (KeyUse.ENCRYPTION.equals(key.getKeyUse())
                || key.getAlgorithm() != null && !key.getAlgorithm().equals(algorithm)) {
            return false;
        }
        if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
            return key instanceof RSAKey;
        }
        if (key instanceof ECKey ec) {
            return Curve.forJWSAlgorithm(algorithm) != null && Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve());
        }
        return false;
    }

    private static boolean verifies(SignedJWT signed, JWK key) {
        try {
            JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa)
                    : new ECDSAVerifier((ECKey) key);
            return signed.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    private static Result refused(Failure failure) {
        return new Result.Refused(failure);
    }
}
