package dev.tollgate.impl.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * Picks the keys a token may be verified with: only from the configured key source (or the configured HS256 secret),
 * and only for the allowed algorithms.
 *
 * <p>Keys are selected by {@code kid}, {@code alg} and key type alone. Like Nimbus's own selector this never looks
 * at {@code jku}, {@code x5u}, {@code jwk} or {@code x5c} in the token: a token cannot bring its own key.
 *
 * <p>Unlike Nimbus's selector, it also converts Ed25519 JWKs (with the JDK), and throws {@link UnknownKeyException}
 * rather than returning nothing, so that an unknown key is told apart from a bad signature by type.
 */
final class TrustedKeySelector extends JWSVerificationKeySelector<SecurityContext> {

    /** Keys most sets hold are few; more than this many conversions cached means the set changed: start over. */
    private static final int MAX_CONVERTED = 64;

    private final SecretKey hmacKey;
    /** JWK to JDK key, so that a known key is not converted (with its curve checks) for every token. */
    private final Map<JWK, Key> converted = new ConcurrentHashMap<>();

    /**
     * @param algorithms the allowed asymmetric algorithms
     * @param hmacKey the HS256 key, or null when HS256 is refused
     */
    TrustedKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> source, SecretKey hmacKey) {
        super(algorithms, source);
        this.hmacKey = hmacKey;
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            if (hmacKey == null) {
                throw new UnknownKeyException();
            }
            return List.of(hmacKey);
        }
        JWKMatcher matcher = createJWKMatcher(header);
        if (matcher == null) {
            // Not an allowed algorithm: refused before we get here, but never fall through to a key.
            throw new UnknownKeyException();
        }
        List<JWK> matches = getJWKSource().get(new JWKSelector(matcher), context);
        List<Key> keys = new ArrayList<>(matches.size());
        for (JWK jwk : matches) {
            Key key = converted.get(jwk);
            if (key == null) {
                key = toPublicKey(jwk);
                if (key != null) {
                    if (converted.size() >= MAX_CONVERTED) {
                        converted.clear();
                    }
                    converted.put(jwk, key);
                }
            }
            if (key != null) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            throw new UnknownKeyException();
        }
        return keys;
    }

    private static Key toPublicKey(JWK jwk) {
        try {
            if (jwk instanceof RSAKey rsa) {
                return rsa.toRSAPublicKey();
            }
            if (jwk instanceof ECKey ec) {
                return ec.toECPublicKey();
            }
            if (jwk instanceof OctetKeyPair okp) {
                return Ed25519Verifier.toPublicKey(okp);
            }
        } catch (JOSEException e) {
            // An unusable key in the set (e.g. a bad curve point): skip it, as Nimbus's KeyConverter does.
        }
        return null;
    }
}
