package dev.tollgate.impl.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * DPoP proofs (RFC 9449 §4.2) made with Nimbus, for tests: by default a good proof for a GET of {@link #URI} with a
 * fresh {@code jti}; every part can be changed or left out to break it, and the header and claims are written as
 * raw JSON so that a proof Nimbus would refuse to build (a private {@code jwk}, {@code alg: none}) can be made too.
 */
public final class TestProofs {

    /** The URI proofs are made for by default: the external base URL of the gates under test, plus a path. */
    public static final String BASE = "https://api.example.com";

    /** A client's EC P-256 key, generated once per run (not one of the issuer's keys). */
    public static final ECKey EC = generateEc();
    /** A client's RSA 2048 key, generated once per run. */
    public static final RSAKey RSA = generateRsa();

    private TestProofs() {
    }

    /** A good proof as of {@code now} with {@code key}, for {@code token} (its {@code ath}). */
    public static Builder proof(JWK key, Instant now) {
        return new Builder(key, now);
    }

    /** RFC 7638: the JWK SHA-256 thumbprint, as {@code cnf.jkt} holds it. */
    public static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 9449 §4.2: base64url of the SHA-256 of the token. */
    public static String ath(String token) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII))).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code cnf} as a token bound to {@code key} carries it. */
    public static Map<String, Object> cnf(JWK key) {
        return Map.of("jkt", thumbprint(key));
    }

    public static final class Builder {
        private final JWK key;
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private JWSAlgorithm algorithm;
        private JWSSigner signer;

        Builder(JWK key, Instant now) {
            this.key = key;
            this.algorithm = key instanceof ECKey ? JWSAlgorithm.ES256
                    : key instanceof OctetKeyPair ? JWSAlgorithm.EdDSA : JWSAlgorithm.RS256;
            header.put("typ", "dpop+jwt");
            header.put("alg", algorithm.getName());
            header.put("jwk", key.toPublicJWK().toJSONObject());
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("htm", "GET");
            claims.put("htu", BASE + "/");
            claims.put("iat", now.getEpochSecond());
        }

        public Builder method(String method) {
            return claim("htm", method);
        }

        public Builder uri(String uri) {
            return claim("htu", uri);
        }

        /** Sets {@code ath} for this token. */
        public Builder token(String token) {
            return claim("ath", ath(token));
        }

        public Builder issuedAt(Instant iat) {
            return claim("iat", iat.getEpochSecond());
        }

        public Builder jwtId(String jti) {
            return claim("jti", jti);
        }

        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Builder without(String claim) {
            claims.remove(claim);
            return this;
        }

        /** A header parameter; null removes it. */
        public Builder header(String name, Object value) {
            if (value == null) {
                header.remove(name);
            } else {
                header.put(name, value);
            }
            return this;
        }

        public Builder type(String type) {
            return header("typ", type);
        }

        /** The {@code alg} written in the header and used to sign ({@code none}: no signature). */
        public Builder algorithm(JWSAlgorithm algorithm) {
            this.algorithm = algorithm;
            return header("alg", algorithm.getName());
        }

        public Builder signer(JWSSigner signer) {
            this.signer = signer;
            return this;
        }

        /** The compact serialisation. */
        public String sign() {
            String input = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
                    + Base64URL.encode(JSONObjectUtils.toJSONString(claims));
            if ("none".equals(algorithm.getName())) {
                return input + ".";
            }
            try {
                JWSSigner with = signer != null ? signer : signerFor(key);
                return input + "." + with.sign(new JWSHeader(algorithm), input.getBytes(StandardCharsets.US_ASCII));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign the test proof", e);
            }
        }

        private static JWSSigner signerFor(JWK key) throws JOSEException {
            if (key instanceof ECKey ec) {
                return new ECDSASigner(ec);
            }
            if (key instanceof RSAKey rsa) {
                return new RSASSASigner(rsa);
            }
            if (key instanceof OctetKeyPair okp) {
                return new JdkEd25519Signer(okp);
            }
            throw new IllegalArgumentException("no signer for " + key.getKeyType());
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generateRsa() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
