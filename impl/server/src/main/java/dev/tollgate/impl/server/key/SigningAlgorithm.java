package dev.tollgate.impl.server.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The algorithms the server can sign tokens with, and how a key for each is made (Nimbus generators). */
public enum SigningAlgorithm {
    /** ECDSA on P-256 with SHA-256 (RFC 7518 §3.4): small keys and signatures, fast to sign. */
    ES256(JWSAlgorithm.ES256),
    /** RSASSA-PKCS1-v1_5 with SHA-256 and a 2048-bit key (RFC 7518 §3.3): the most widely supported. */
    RS256(JWSAlgorithm.RS256);

    private final JWSAlgorithm jwsAlgorithm;

    SigningAlgorithm(JWSAlgorithm jwsAlgorithm) {
        this.jwsAlgorithm = jwsAlgorithm;
    }

    public JWSAlgorithm jwsAlgorithm() {
        return jwsAlgorithm;
    }

    public static Optional<SigningAlgorithm> parse(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equals(name.trim().toUpperCase(Locale.ROOT))).findFirst();
    }

    /** A new private key for signatures ({@code use: sig}), its {@code kid} the RFC 7638 thumbprint. */
    JWK generate() {
        try {
            return switch (this) {
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(jwsAlgorithm)
                        .keyIDFromThumbprint(true).generate();
                case RS256 -> new RSAKeyGenerator(RSAKeyGenerator.MIN_KEY_SIZE_BITS).keyUse(KeyUse.SIGNATURE)
                        .algorithm(jwsAlgorithm).keyIDFromThumbprint(true).generate();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + this + " key on this Java platform", e);
        }
    }
}
