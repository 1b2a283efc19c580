package dev.tollgate.impl.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.server.key.SigningKeyStore;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Signs access tokens as JWTs per RFC 9068: header {@code typ: at+jwt} and the {@code kid} of the current signing
 * key; claims {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat}, {@code jti}, {@code client_id},
 * {@code scope} (space-separated, RFC 9068 §2.2.3), for users {@code roles} (RFC 9068 §2.2.3.1, RFC 7643), and for a
 * DPoP-bound token {@code cnf: {jkt}} (RFC 9449 §6.1).
 *
 * <p>It also signs OpenID Connect ID Tokens ({@link #issueIdToken}) with the same current key.
 *
 * <p>No database access: the key comes from {@link SigningKeyStore}'s memory. The signer of the current key is kept,
 * so a token costs one claims serialization and one signature.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068">RFC 9068</a>
 */
public final class TokenIssuer {

    /** RFC 9068 §2.1. */
    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final SigningKeyStore keys;
    private final Clock clock;
    private volatile CachedSigner cached;

    public TokenIssuer(SigningKeyStore keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public IssuedAccessToken issue(AccessTokenClaims claims) {
        Instant now = clock.instant();
        // Whole seconds: JWT NumericDate; an exp rounded down never outlives the configured lifetime.
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiresAt = issuedAt.plus(claims.lifetime());
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .subject(claims.subject())
                .audience(claims.audience().size() == 1 ? claims.audience().get(0) : null)
                .expirationTime(Date.from(expiresAt))
                .issueTime(Date.from(issuedAt))
                .jwtID(jti)
                .claim("client_id", claims.clientId());
        if (claims.audience().size() > 1) {
            body.audience(claims.audience());
        }
        if (!claims.scope().isEmpty()) {
            body.claim("scope", String.join(" ", claims.scope()));
        }
        claims.roles().ifPresent(roles -> body.claim("roles", new ArrayList<>(roles)));
        // RFC 9449 §6.1: the confirmation of the key the token is bound to
        claims.boundKey().ifPresent(jkt -> body.claim("cnf", java.util.Map.of("jkt", jkt)));
        CachedSigner signer = signer();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(signer.algorithm()).type(AT_JWT).keyID(signer.kid())
                .build(), body.build());
        try {
            jwt.sign(signer.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + signer.kid(), e);
        }
        return new IssuedAccessToken(jwt.serialize(), jti, issuedAt, expiresAt);
    }

    /**
     * An ID Token (OpenID Connect Core 1.0 §2, §3.1.3.3) for the access token {@code accessToken} issued in the
     * same response: header {@code typ: JWT} and the current key's {@code kid}; claims {@code iss}, {@code sub},
     * {@code aud} (the client id), {@code exp}, {@code iat}, {@code auth_time}, {@code nonce} when the request had
     * one, and {@code at_hash} (§3.1.3.6).
     *
     * @return the compact JWS
     */
    public String issueIdToken(IdTokenClaims claims, String accessToken) {
        Instant issuedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        CachedSigner signer = signer();
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .subject(claims.subject())
                .audience(claims.clientId())
                .expirationTime(Date.from(issuedAt.plus(claims.lifetime())))
                .issueTime(Date.from(issuedAt))
                .claim("auth_time", claims.authTime().getEpochSecond())
                .claim("at_hash", atHash(signer.algorithm(), accessToken));
        claims.nonce().ifPresent(nonce -> body.claim("nonce", nonce));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(signer.algorithm()).type(JOSEObjectType.JWT)
                .keyID(signer.kid()).build(), body.build());
        try {
            jwt.sign(signer.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + signer.kid(), e);
        }
        return jwt.serialize();
    }

    /**
     * OpenID Connect Core §3.1.3.6: "the base64url encoding of the left-most half of the hash of the octets of the
     * ASCII representation of the access_token value, where the hash algorithm used is the hash algorithm used in
     * the alg Header Parameter of the ID Token's JOSE Header" (SHA-256 for ES256 and RS256).
     */
    static String atHash(JWSAlgorithm algorithm, String accessToken) {
        String name = algorithm.getName();
        String bits = name.substring(name.length() - 3);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-" + bits).digest(accessToken.getBytes(
                    StandardCharsets.US_ASCII));
            return Base64URL.encode(Arrays.copyOf(hash, hash.length / 2)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no hash for " + name, e);
        }
    }

    private CachedSigner signer() {
        JWK key = keys.signingKey();
        CachedSigner current = cached;
        if (current != null && current.kid().equals(key.getKeyID())) {
            return current;
        }
        try {
            JWSSigner signer;
            if (key instanceof ECKey ec) {
                signer = new ECDSASigner(ec);
            } else if (key instanceof RSAKey rsa) {
                signer = new RSASSASigner(rsa);
            } else {
                throw new IllegalStateException("unsupported signing key type " + key.getKeyType());
            }
            JWSAlgorithm algorithm = key.getAlgorithm() != null ? JWSAlgorithm.parse(key.getAlgorithm().getName())
                    : signer.supportedJWSAlgorithms().iterator().next();
            current = new CachedSigner(key.getKeyID(), algorithm, signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot use signing key " + key.getKeyID(), e);
        }
        cached = current;
        return current;
    }

    private record CachedSigner(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
    }
}
