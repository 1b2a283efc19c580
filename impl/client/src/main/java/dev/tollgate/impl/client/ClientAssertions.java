package dev.tollgate.impl.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * {@code private_key_jwt} client authentication (RFC 7523 §2.2, §3; OpenID Connect Core §9): a JWT signed with the
 * client's key, sent as {@code client_assertion} with {@code client_assertion_type}
 * {@value #ASSERTION_TYPE}.
 *
 * <p>Claims: {@code iss} and {@code sub} the client id, {@code aud} the authorization server's issuer (or, when no
 * issuer is configured, the endpoint's URL), {@code jti} random, {@code iat} now and {@code exp} {@code lifetime}
 * later. The header carries {@code alg} (from the key) and the configured {@code kid}.
 */
final class ClientAssertions {

    /** RFC 7523 §2.2. */
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final SigningKey key;
    private final String clientId;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random;
    private final JWSHeader header;

    ClientAssertions(SigningKey key, String clientId, Duration lifetime, Clock clock, SecureRandom random) {
        this.key = key;
        this.clientId = clientId;
        this.lifetime = lifetime;
        this.clock = clock;
        this.random = random;
        JWSHeader.Builder h = new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT);
        key.keyId().ifPresent(h::keyID);
        this.header = h.build();
    }

    /** A new assertion for {@code audience}. */
    String assertion(String audience) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)                                   // iss (REQUIRED): the client id
                .subject(clientId)                                  // sub (REQUIRED): the client id
                .audience(audience)                                 // aud (REQUIRED): the authorization server
                .jwtID(Base64URL.encode(id).toString())             // jti: single use (RFC 7523 §3 point 7)
                .issueTime(Date.from(now))                          // iat
                .expirationTime(Date.from(now.plus(lifetime)))      // exp (REQUIRED): short
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a client assertion (" + e.getClass().getSimpleName() + ")",
                    e);
        }
        return jwt.serialize();
    }
}
