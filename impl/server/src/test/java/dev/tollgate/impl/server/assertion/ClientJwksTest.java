package dev.tollgate.impl.server.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a client may register as its keys (RFC 7591 §2 {@code jwks}, {@code jwks_uri}). */
class ClientJwksTest {

    @Test
    void checkWhenPublicEcAndRsaKeysThenStoredAsPublicSet() throws Exception {
        JWKSet set = new JWKSet(List.of(ClientAssertionVerifierTest.EC_KEY.toPublicJWK(),
                ClientAssertionVerifierTest.RSA_KEY.toPublicJWK()));
        String stored = ClientJwks.check(set.toString(true));
        assertEquals(2, JWKSet.parse(stored).getKeys().size());
        assertFalse(stored.contains("\"d\""));
    }

    @Test
    void checkWhenPrivateKeyThenRefused() {
        String withPrivate = new JWKSet(ClientAssertionVerifierTest.EC_KEY).toString(false);
        var e = assertThrows(ClientJwks.InvalidJwksException.class, () -> ClientJwks.check(withPrivate));
        assertEquals("jwks must hold public keys only: a key has private members", e.getMessage());
    }

    @Test
    void checkWhenRsaPrivateKeyThenRefused() {
        String withPrivate = new JWKSet(ClientAssertionVerifierTest.RSA_KEY).toString(false);
        assertThrows(ClientJwks.InvalidJwksException.class, () -> ClientJwks.check(withPrivate));
    }

    @Test
    void checkWhenSymmetricKeyThenRefused() throws Exception {
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).generate();
        String json = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\"}]}";
        assertThrows(ClientJwks.InvalidJwksException.class, () -> ClientJwks.check(json));
        assertThrows(ClientJwks.InvalidJwksException.class,
                () -> ClientJwks.check(new JWKSet(secret).toString(false)));
    }

    @Test
    void checkWhenShortRsaKeyThenRefused() throws Exception {
        @SuppressWarnings("deprecation")
        var weak = new RSAKeyGenerator(1024, true).generate();
        assertThrows(ClientJwks.InvalidJwksException.class,
                () -> ClientJwks.check(new JWKSet(weak.toPublicJWK()).toString()));
    }

    @Test
    void checkWhenEmptyNotASetOrTooLargeThenRefused() {
        assertThrows(ClientJwks.InvalidJwksException.class, () -> ClientJwks.check("{\"keys\":[]}"));
        assertThrows(ClientJwks.InvalidJwksException.class, () -> ClientJwks.check("[]"));
        assertThrows(ClientJwks.InvalidJwksException.class, () -> ClientJwks.check("{\"keys\":\"x\"}"));
        assertThrows(ClientJwks.InvalidJwksException.class,
                () -> ClientJwks.check("{\"keys\":[],\"pad\":\"" + "x".repeat(ClientJwks.MAX_LENGTH) + "\"}"));
    }

    @Test
    void checkUriWhenHostAllowedThenAcceptedElseRefused() {
        Set<String> hosts = Set.of("keys.example.com", "127.0.0.1");
        assertEquals("https://keys.example.com/jwks", ClientJwks.checkUri("https://keys.example.com/jwks", hosts));
        assertEquals("http://127.0.0.1:8080/jwks", ClientJwks.checkUri("http://127.0.0.1:8080/jwks", hosts));
        assertThrows(ClientJwks.InvalidJwksException.class,
                () -> ClientJwks.checkUri("https://evil.example.com/jwks", hosts));
        assertThrows(ClientJwks.InvalidJwksException.class,
                () -> ClientJwks.checkUri("http://keys.example.com/jwks", hosts), "http off loopback");
        assertThrows(ClientJwks.InvalidJwksException.class,
                () -> ClientJwks.checkUri("https://keys.example.com/jwks", Set.of()), "none allowed");
    }
}
