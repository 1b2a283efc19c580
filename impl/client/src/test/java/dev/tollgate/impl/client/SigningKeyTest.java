package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key loading for DPoP and private_key_jwt: PEM, JWK, PKCS#12, and errors that name the key, not the secret. */
class SigningKeyTest {

    private static final String P = "tollgate.client.k.";
    private static final String STORE_PASSWORD = "test-store-pass";

    @TempDir
    Path dir;

    static String fixture(String name) {
        try {
            return Path.of(SigningKeyTest.class.getResource("/keys/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<SigningKey> read(Map<String, String> keys) {
        return SigningKey.read(new Settings(ConfigSource.of(keys), P), "dpop.");
    }

    private static SigningKey file(String path, String... more) {
        Map<String, String> keys = new HashMap<>();
        keys.put(P + "dpop.key-file", path);
        for (int i = 0; i < more.length; i += 2) {
            keys.put(P + more[i], more[i + 1]);
        }
        return read(keys).orElseThrow();
    }

    private static ConfigurationException refused(String path, String... more) {
        return assertThrows(ConfigurationException.class, () -> file(path, more));
    }

    @Test
    void pemEcKeyWithItsEmbeddedPublicKeyIsEs256() {
        SigningKey key = file(fixture("ec-p256.pem"));
        assertEquals(JWSAlgorithm.ES256, key.algorithm());
        assertTrue(key.jwk() instanceof ECKey ec && ec.getCurve().equals(Curve.P_256) && ec.isPrivate());
        assertFalse(key.publicJwk().isPrivate());
    }

    @Test
    void pemRsaKeyIsRs256OrTheConfiguredPs256() {
        assertEquals(JWSAlgorithm.RS256, file(fixture("rsa-2048.pem")).algorithm());
        SigningKey ps = file(fixture("rsa-2048.pem"), "dpop.algorithm", "PS256");
        assertEquals(JWSAlgorithm.PS256, ps.algorithm());
        assertTrue(ps.jwk() instanceof RSAKey);
    }

    @Test
    void jwkFileKeepsItsKidUnlessOneIsConfigured() throws Exception {
        ECKey jwk = new ECKeyGenerator(Curve.P_384).keyID("k-384").generate();
        Path f = dir.resolve("key.jwk");
        Files.writeString(f, jwk.toJSONString());

        SigningKey key = file(f.toString());
        assertEquals(JWSAlgorithm.ES384, key.algorithm());
        assertEquals(Optional.of("k-384"), key.keyId());
        assertEquals(Optional.of("other"), file(f.toString(), "dpop.key-id", "other").keyId());
    }

    @Test
    void pkcs12KeyStoreWithItsOnlyKey() {
        SigningKey key = file(fixture("client.p12"), "dpop.key-password", STORE_PASSWORD);
        assertEquals(JWSAlgorithm.ES256, key.algorithm());
        SigningKey byAlias = file(fixture("client.p12"), "dpop.key-password", STORE_PASSWORD, "dpop.key-alias",
                "client");
        assertEquals(key.publicJwk(), byAlias.publicJwk());
    }

    @Test
    void wrongKeyStorePasswordNamesThePasswordKeyNotThePassword() {
        ConfigurationException e = refused(fixture("client.p12"), "dpop.key-password", "wrong-pass-123");
        assertTrue(e.key().equals(P + "dpop.key-password") || e.key().equals(P + "dpop.key-file"), e.key());
        assertFalse(e.getMessage().contains("wrong-pass-123"));
    }

    @Test
    void keyStoreWithoutPasswordNamesThePasswordKey() {
        assertEquals(P + "dpop.key-password", refused(fixture("client.p12")).key());
    }

    @Test
    void unknownAliasNamesTheAliasKey() {
        assertEquals(P + "dpop.key-alias", refused(fixture("client.p12"), "dpop.key-password", STORE_PASSWORD,
                "dpop.key-alias", "nobody").key());
    }

    @Test
    void missingFileNamesTheFileKey() {
        assertEquals(P + "dpop.key-file", refused(dir.resolve("absent.pem").toString()).key());
    }

    @Test
    void garbageNamesTheFileKeyAndEchoesNothing() throws Exception {
        Path f = dir.resolve("garbage.pem");
        Files.writeString(f, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs\n-----END PRIVATE KEY-----\n");
        ConfigurationException e = refused(f.toString());
        assertEquals(P + "dpop.key-file", e.key());
        assertFalse(e.getMessage().contains("c2VjcmV0LW1hdGVyaWFs"));
    }

    @Test
    void publicJwkOnlyIsRefused() throws Exception {
        Path f = dir.resolve("public.jwk");
        Files.writeString(f, new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONString());
        assertEquals(P + "dpop.key-file", refused(f.toString()).key());
    }

    @Test
    void sec1PemIsRefusedWithAHint() {
        ConfigurationException e = refused(fixture("ec-sec1.pem"));
        assertEquals(P + "dpop.key-file", e.key());
        assertTrue(e.problem().contains("PKCS#8"));
    }

    @Test
    void smallRsaKeyIsRefused() {
        assertEquals(P + "dpop.key-file", refused(fixture("rsa-1024.pem")).key());
    }

    @Test
    void algorithmThatDoesNotFitTheKeyNamesTheAlgorithmKey() {
        assertEquals(P + "dpop.algorithm", refused(fixture("ec-p256.pem"), "dpop.algorithm", "RS256").key());
        assertEquals(P + "dpop.algorithm", refused(fixture("rsa-2048.pem"), "dpop.algorithm", "ES256").key());
    }

    @Test
    void passwordWithoutFileNamesThePasswordKey() {
        Map<String, String> keys = Map.of(P + "dpop.key-password", "x");
        assertEquals(P + "dpop.key-password",
                assertThrows(ConfigurationException.class, () -> read(keys)).key());
    }

    @Test
    void noFileIsNoKey() {
        assertEquals(Optional.empty(), read(Map.of()));
    }
}
