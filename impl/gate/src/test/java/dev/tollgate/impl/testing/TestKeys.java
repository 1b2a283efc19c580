package dev.tollgate.impl.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

/**
 * The test keys ({@code test-keys.private.jwks.json} in impl's test resources). Servers under test trust the public
 * half of every key but the rogue one: {@link #trustedPublicKeys()}.
 *
 * <ul>
 *   <li>{@value #RSA}: RSA, for RS256;
 *   <li>{@value #PS}: RSA with {@code alg} PS256;
 *   <li>{@value #EC}: EC P-256, for ES256;
 *   <li>{@value #ED}: OKP Ed25519, for EdDSA;
 *   <li>{@value #ROGUE}: RSA, trusted by nobody: what an attacker signs with.
 * </ul>
 */
public final class TestKeys {

    public static final String RSA = "test-rsa-1";
    public static final String PS = "test-ps-1";
    public static final String EC = "test-ec-1";
    public static final String ED = "test-ed-1";
    public static final String ROGUE = "rogue-rsa-1";

    /** The class-path resource with the private keys. */
    public static final String RESOURCE = "/test-keys.private.jwks.json";

    private static final TestKeys INSTANCE = load();

    private final JWKSet privateKeys;

    private TestKeys(JWKSet privateKeys) {
        this.privateKeys = privateKeys;
    }

    /** The keys, loaded once. */
    public static TestKeys get() {
        return INSTANCE;
    }

    private static TestKeys load() {
        try (InputStream in = TestKeys.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new TestKeys(JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(RESOURCE + " is not a JWK set", e);
        }
    }

    /** The private key with this {@code kid}. */
    public JWK privateKey(String kid) {
        JWK key = privateKeys.getKeyByKeyId(kid);
        if (key == null) {
            throw new IllegalArgumentException("no test key " + kid);
        }
        return key;
    }

    public RSAKey rsa() {
        return privateKey(RSA).toRSAKey();
    }

    public RSAKey ps() {
        return privateKey(PS).toRSAKey();
    }

    public ECKey ec() {
        return privateKey(EC).toECKey();
    }

    public OctetKeyPair ed() {
        return privateKey(ED).toOctetKeyPair();
    }

    public RSAKey rogue() {
        return privateKey(ROGUE).toRSAKey();
    }

    /** The public halves of the keys a server under test trusts: all but {@value #ROGUE}. */
    public JWKSet trustedPublicKeys() {
        List<JWK> trusted = privateKeys.getKeys().stream()
                .filter(key -> !ROGUE.equals(key.getKeyID()))
                .map(JWK::toPublicJWK)
                .toList();
        return new JWKSet(trusted);
    }

    /** {@link #trustedPublicKeys()} as JSON, as a JWKS endpoint serves it. */
    public String trustedPublicJwksJson() {
        return trustedPublicKeys().toString(true);
    }

    /** Writes {@link #trustedPublicKeys()} to {@code file}, for {@code tollgate.gate.jwks-file}. */
    public Path writeTrustedPublicJwks(Path file) {
        try {
            return Files.writeString(file, trustedPublicJwksJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The natural algorithm for a key: RS256, PS256, ES256 or EdDSA. */
    public static JWSAlgorithm algorithmFor(String kid) {
        return switch (kid) {
            case PS -> JWSAlgorithm.PS256;
            case EC -> JWSAlgorithm.ES256;
            case ED -> JWSAlgorithm.EdDSA;
            default -> JWSAlgorithm.RS256;
        };
    }

    /** A signer for the private key with this {@code kid}. Ed25519 signs with the JDK, as Nimbus would need Tink. */
    public JWSSigner signer(String kid) {
        JWK key = privateKey(kid);
        try {
            if (key instanceof RSAKey rsa) {
                return new RSASSASigner(rsa);
            }
            if (key instanceof ECKey ec) {
                return new ECDSASigner(ec);
            }
            if (key instanceof OctetKeyPair okp) {
                return new JdkEd25519Signer(okp);
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with " + kid, e);
        }
        throw new IllegalArgumentException("no signer for " + kid);
    }
}
