package dev.tollgate.impl.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import java.security.Key;
import java.util.HashSet;
import java.util.Set;

/** Nimbus's verifier factory, with Ed25519 handled by the JDK ({@link Ed25519Verifier}) instead of Tink. */
final class VerifierFactory implements JWSVerifierFactory {

    private final DefaultJWSVerifierFactory defaults = new DefaultJWSVerifierFactory();
    private final Set<JWSAlgorithm> supported;

    VerifierFactory() {
        Set<JWSAlgorithm> all = new HashSet<>(defaults.supportedJWSAlgorithms());
        all.addAll(Ed25519Verifier.ALGORITHMS);
        supported = Set.copyOf(all);
    }

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        if (Ed25519Verifier.ALGORITHMS.contains(header.getAlgorithm())) {
            if (!Ed25519Verifier.isEd25519(key)) {
                throw new JOSEException("EdDSA needs an Ed25519 public key");
            }
            return new Ed25519Verifier((java.security.PublicKey) key);
        }
        return defaults.createJWSVerifier(header, key);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return supported;
    }

    @Override
    public JCAContext getJCAContext() {
        return defaults.getJCAContext();
    }
}
