package dev.tollgate.impl.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

/**
 * Verifies Ed25519 signatures ({@code alg} {@code EdDSA} or {@code Ed25519}) with the JDK's own provider (Java 15+).
 * Nimbus verifies EdDSA only through Google Tink; this keeps the gate's dependencies to Nimbus alone.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8037#section-3.1">RFC 8037 §3.1</a>
 */
public final class Ed25519Verifier implements JWSVerifier {

    /** The algorithms this verifier handles. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410 §4); the 32 key bytes follow. */
    private static final byte[] X509_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private static final int SIGNATURE_LENGTH = 64;

    private final PublicKey publicKey;
    private final JCAContext jcaContext = new JCAContext();

    /** @param publicKey an Ed25519 public key */
    public Ed25519Verifier(PublicKey publicKey) throws JOSEException {
        if (!isEd25519(publicKey)) {
            throw new JOSEException("Not an Ed25519 public key");
        }
        this.publicKey = publicKey;
    }

    static boolean isEd25519(java.security.Key key) {
        return key instanceof EdECPublicKey edKey && "Ed25519".equalsIgnoreCase(edKey.getParams().getName());
    }

    /** The JDK public key for an OKP JWK on the Ed25519 curve (Nimbus cannot export one itself). */
    public static PublicKey toPublicKey(OctetKeyPair jwk) throws JOSEException {
        if (!Curve.Ed25519.equals(jwk.getCurve())) {
            throw new JOSEException("Only the Ed25519 curve is supported");
        }
        byte[] x = jwk.getDecodedX();
        if (x.length != 32) {
            throw new JOSEException("An Ed25519 public key has 32 bytes");
        }
        byte[] der = new byte[X509_PREFIX.length + x.length];
        System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
        System.arraycopy(x, 0, der, X509_PREFIX.length, x.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Invalid Ed25519 public key", e);
        }
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            return false;
        }
        // RFC 7515 §4.1.11: a critical header we do not understand makes the JWS invalid.
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return false;
        }
        byte[] signatureBytes = signature.decode();
        if (signatureBytes.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(signingInput);
            return verifier.verify(signatureBytes);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new JOSEException("Invalid Ed25519 public key", e);
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Ed25519 is not available in this JDK", e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
