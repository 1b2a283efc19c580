package dev.tollgate.impl.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.server.key.SigningKeyStore;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
        if (token == null || token.length() > 16_384 || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!TokenIssuer.AT_JWT.equals(jwt.getHeader().getType()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            JWK key = keys.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!(key instanceof AsymmetricJWK asymmetric) || key.getAlgorithm() == null
                    || !key.getAlgorithm().getName().equals(jwt.getHeader().getAlgorithm().getName())) {
                return Optional.empty();
            }
            JWSVerifier verifier = VERIFIERS.createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
            if (!jwt.verify(verifier)) {
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

    /** A token of ours that has not expired. */
    public Optional<Verified> verify(String token) {
        Instant now = clock.instant();
        return verifySignature(token).filter(v -> !v.expiredAt(now));
    }
}
