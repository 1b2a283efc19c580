package dev.tollgate.impl.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signed test tokens. {@code TestTokens.token().sign()} is a valid RS256 access token for the test issuer and
 * audience, for subject {@code alice}, with scope {@code read}, valid for five minutes from now; every part can be
 * changed, or removed with {@link Builder#without(String)}.
 */
public final class TestTokens {

    /** The issuer servers under test trust. */
    public static final String ISSUER = "https://issuer.test.tollgate.dev";
    /** The audience servers under test expect. */
    public static final String AUDIENCE = "tollgate-demo";

    private TestTokens() {
    }

    /** A builder for a valid token as of now. */
    public static Builder token() {
        return new Builder(TestKeys.get(), Instant.now());
    }

    /** A builder for a valid token as of {@code now}. */
    public static Builder token(TestKeys keys, Instant now) {
        return new Builder(keys, now);
    }

    /** A valid token for {@code subject} with these scopes (space-separated). */
    public static String valid(String subject, String scope) {
        return token().subject(subject).scope(scope).sign();
    }

    public static final class Builder {

        private final TestKeys keys;
        private final Instant now;
        private String kid = TestKeys.RSA;
        private JWSAlgorithm algorithm;
        private JWSSigner signer;
        private JOSEObjectType type;
        private URI jku;
        private URI x5u;
        private JWK embeddedJwk;
        private final Map<String, Object> customHeaders = new LinkedHashMap<>();
        private java.util.Set<String> critical;
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private boolean includeKid = true;

        private Builder(TestKeys keys, Instant now) {
            this.keys = keys;
            this.now = now;
            claims.put("iss", ISSUER);
            claims.put("aud", AUDIENCE);
            claims.put("sub", "alice");
            claims.put("client_id", "test-client");
            claims.put("scope", "read");
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
        }

        /** Sign with this test key (and its natural algorithm, unless {@link #algorithm} says otherwise). */
        public Builder key(String kid) {
            this.kid = kid;
            return this;
        }

        /** The {@code kid} header, independently of the signing key (use with {@link #signer}). */
        public Builder keyId(String kid) {
            return key(kid);
        }

        /** No {@code kid} header. */
        public Builder withoutKeyId() {
            includeKid = false;
            return this;
        }

        public Builder algorithm(JWSAlgorithm algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        /** Sign with this signer instead of the key named by {@link #key}. */
        public Builder signer(JWSSigner signer) {
            this.signer = signer;
            return this;
        }

        public Builder type(String type) {
            this.type = type == null ? null : new JOSEObjectType(type);
            return this;
        }

        public Builder jku(URI jku) {
            this.jku = jku;
            return this;
        }

        public Builder x5u(URI x5u) {
            this.x5u = x5u;
            return this;
        }

        public Builder embeddedJwk(JWK jwk) {
            this.embeddedJwk = jwk;
            return this;
        }

        public Builder header(String name, Object value) {
            customHeaders.put(name, value);
            return this;
        }

        /** The {@code crit} header: names of header parameters the verifier must understand. */
        public Builder critical(String... names) {
            this.critical = java.util.Set.of(names);
            return this;
        }

        public Builder issuer(String issuer) {
            return claim("iss", issuer);
        }

        public Builder audience(String... audience) {
            return claim("aud", audience.length == 1 ? audience[0] : List.of(audience));
        }

        public Builder subject(String subject) {
            return claim("sub", subject);
        }

        public Builder clientId(String clientId) {
            return claim("client_id", clientId);
        }

        /** Space-separated scopes. */
        public Builder scope(String scope) {
            return claim("scope", scope);
        }

        public Builder roles(String... roles) {
            return claim("roles", List.of(roles));
        }

        public Builder groups(String... groups) {
            return claim("groups", List.of(groups));
        }

        public Builder jwtId(String jti) {
            return claim("jti", jti);
        }

        public Builder expiresAt(Instant exp) {
            return claim("exp", exp.getEpochSecond());
        }

        /** Expires this long from the builder's "now" (negative: in the past). */
        public Builder expiresIn(Duration duration) {
            return expiresAt(now.plus(duration));
        }

        public Builder notBefore(Instant nbf) {
            return claim("nbf", nbf.getEpochSecond());
        }

        public Builder issuedAt(Instant iat) {
            return claim("iat", iat.getEpochSecond());
        }

        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Builder without(String claim) {
            claims.remove(claim);
            return this;
        }

        public JWTClaimsSet claims() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            claims.forEach((name, value) -> builder.claim(name, switch (name) {
                case "exp", "iat", "nbf" -> value instanceof Number n ? new Date(n.longValue() * 1000) : value;
                default -> value;
            }));
            return builder.build();
        }

        public JWSHeader header() {
            JWSAlgorithm alg = algorithm != null ? algorithm : TestKeys.algorithmFor(kid);
            JWSHeader.Builder header = new JWSHeader.Builder(alg).type(type);
            if (includeKid) {
                header.keyID(kid);
            }
            if (jku != null) {
                header.jwkURL(jku);
            }
            if (x5u != null) {
                header.x509CertURL(x5u);
            }
            if (embeddedJwk != null) {
                header.jwk(embeddedJwk.toPublicJWK());
            }
            if (critical != null) {
                header.criticalParams(critical);
            }
            customHeaders.forEach(header::customParam);
            return header.build();
        }

        /** The compact serialisation. */
        public String sign() {
            SignedJWT jwt = new SignedJWT(header(), claims());
            try {
                jwt.sign(signer != null ? signer : keys.signer(kid));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign the test token", e);
            }
            return jwt.serialize();
        }

        /** Every claim as currently set, for tests that build their own payload. */
        public Map<String, Object> claimMap() {
            return new LinkedHashMap<>(claims);
        }
    }
}
