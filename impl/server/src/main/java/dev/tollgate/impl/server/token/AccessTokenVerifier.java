package dev.tollgate.impl.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.jwt.CompactJws;
import dev.tollgate.impl.server.key.SigningKeyStore;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recognizes this server's own access tokens, for revocation and introspection: a JWT of type {@code at+jwt},
 * signed by one of the published signing keys (looked up by {@code kid}, the algorithm the key's own), with a
 * {@code jti} and an {@code exp}. Anything else (garbage, another issuer's token, a forged signature) is empty:
 * a normal outcome, not an error.
 */
public final class AccessTokenVerifier {

    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

    private final SigningKeyStore keys;
    private final Clock clock;
    /**
     * A verifier per published key, for the key set they were made from: converting a JWK to a JDK public key for
     * every request took about 6 % of an introspection's CPU. Only keys of the set are ever held (an unknown
     * {@code kid} adds nothing), and a new set (a rotation) starts afresh.
     */
    private volatile KeyVerifiers verifiers = new KeyVerifiers(null, Map.of());

    public AccessTokenVerifier(SigningKeyStore keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token of ours, checked. */
    public record Verified(String jti, Instant expiresAt, JWTClaimsSet claims) {

        public boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }

        /**
         * The caller the gate's claim mapping makes of this token, as far as a {@link RevocationChecker} reads it:
         * its {@code sub} and {@code client_id}. Introspection and userinfo ask the gate's checker with it, so that
         * one token gets one answer wherever it is asked. Empty without a subject.
         */
        public Optional<Caller> caller() {
            Object clientId = claims.getClaim("client_id");
            return Optional.ofNullable(claims.getSubject()).map(subject -> Caller.of(subject,
                    clientId instanceof String id ? id : null, Set.of(), Set.of(), CredentialKind.JWT, expiresAt));
        }
    }

    /**
     * @return the token's claims when this server signed it, whether or not it has expired; empty otherwise
     */
    public Optional<Verified> verifySignature(String token) {
        if (token == null || token.length() > 16_384 || !CompactJws.hasThreeParts(token)) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = CompactJws.parse(token);
            if (!TokenIssuer.AT_JWT.equals(jwt.getHeader().getType()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            KeyVerifier key = verifierFor(jwt.getHeader().getKeyID());
            // The algorithm is the key's own, checked on every token: a verifier (RSASSAVerifier) would also take
            // another algorithm of the same key type (PS256 for an RS256 key), which is not what we sign with.
            if (key == null || !key.algorithm().equals(jwt.getHeader().getAlgorithm().getName())) {
                return Optional.empty();
            }
            if (!jwt.verify(key.verifier())) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (claims.getJWTID() == null || exp == null) {
                return Optional.empty();
            }
            return Optional.of(new Verified(claims.getJWTID(), exp.toInstant(), claims));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The verifier of the published key {@code kid}; null when no such asymmetric key is published.
     *
     * @throws JOSEException when no verifier can be made for the key
     */
    private KeyVerifier verifierFor(String kid) throws JOSEException {
        JWKSet published = keys.publicKeys();
        KeyVerifiers current = verifiers;
        if (current.keys() != published) {
            current = new KeyVerifiers(published, new ConcurrentHashMap<>());
            verifiers = current;
        }
        KeyVerifier known = current.byKid().get(kid);
        if (known != null) {
            return known;
        }
        JWK key = published.getKeyByKeyId(kid);
        if (!(key instanceof AsymmetricJWK asymmetric) || key.getAlgorithm() == null) {
            return null;
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(key.getAlgorithm().getName())).build();
        KeyVerifier made = new KeyVerifier(key.getAlgorithm().getName(),
                VERIFIERS.createJWSVerifier(header, asymmetric.toPublicKey()));
        current.byKid().put(kid, made);
        return made;
    }

    /** The verifiers made from one published key set, by {@code kid}. */
    private record KeyVerifiers(JWKSet keys, Map<String, KeyVerifier> byKid) {
    }

    /** A published key's verifier, and the one algorithm the key is for. */
    private record KeyVerifier(String algorithm, JWSVerifier verifier) {
    }

    /** A token of ours that has not expired. */
    public Optional<Verified> verify(String token) {
        Instant now = clock.instant();
        return verifySignature(token).filter(v -> !v.expiredAt(now));
    }
}
