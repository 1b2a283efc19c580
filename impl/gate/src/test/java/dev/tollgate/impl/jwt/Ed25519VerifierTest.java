package dev.tollgate.impl.jwt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestTokens;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;

class Ed25519VerifierTest {

    final TestKeys keys = TestKeys.get();

    Ed25519Verifier verifier() throws JOSEException {
        return new Ed25519Verifier(Ed25519Verifier.toPublicKey(keys.ed().toPublicJWK()));
    }

    @Test
    void goodSignatureVerifies() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestTokens.token().key(TestKeys.ED).sign());

        assertTrue(jwt.verify(verifier()));
    }

    @Test
    void fullySpecifiedEd25519AlgorithmVerifiesToo() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestTokens.token().key(TestKeys.ED).algorithm(JWSAlgorithm.Ed25519).sign());

        assertTrue(jwt.verify(verifier()));
    }

    @Test
    void changedPayloadDoesNotVerify() throws Exception {
        String[] parts = TestTokens.token().key(TestKeys.ED).sign().split("\\.");
        SignedJWT forged = SignedJWT.parse(parts[0] + "." + Base64URL.encode("{\"sub\":\"mallory\"}") + "."
                + parts[2]);

        assertFalse(forged.verify(verifier()));
    }

    @Test
    void signatureOfTheWrongLengthDoesNotVerify() throws Exception {
        String[] parts = TestTokens.token().key(TestKeys.ED).sign().split("\\.");
        SignedJWT truncated = SignedJWT.parse(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40));

        assertFalse(truncated.verify(verifier()));
    }

    @Test
    void otherAlgorithmsAreNotVerified() throws Exception {
        SignedJWT rsa = SignedJWT.parse(TestTokens.token().key(TestKeys.RSA).sign());

        assertFalse(rsa.verify(verifier()));
    }

    @Test
    void nonEd25519KeysAreRefused() throws Exception {
        var rsaKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        var ed448Key = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();

        assertThrows(JOSEException.class, () -> new Ed25519Verifier(rsaKey));
        assertThrows(JOSEException.class, () -> new Ed25519Verifier(ed448Key));
    }

    @Test
    void ed448JwkIsNotConverted() {
        OctetKeyPair ed448 = new OctetKeyPair.Builder(Curve.Ed448, Base64URL.encode(new byte[57])).build();

        assertThrows(JOSEException.class, () -> Ed25519Verifier.toPublicKey(ed448));
    }
}
