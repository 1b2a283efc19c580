package dev.tollgate.impl.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {

    private final SecretGenerator generator = new SecretGenerator();

    @Test
    void tokenIs256RandomBitsAsBase64UrlWithoutPadding() {
        String token = generator.token();

        assertEquals(43, token.length());
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
    }

    @Test
    void tokensNeverRepeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(generator.token());
        }
        assertEquals(1000, tokens.size());
    }

    @Test
    void clientSecretToStringNeverShowsTheSecret() {
        ClientSecret secret = generator.clientSecret();

        assertFalse(secret.toString().contains(secret.reveal()));
        assertFalse(("secret: " + secret).contains(secret.reveal()));
    }

    @Test
    void secretHashIsTheHexSha256OfTheSecret() {
        // FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SecretHash.of("abc").hex());
    }

    @Test
    void secretHashMatchesOnlyTheSameSecret() {
        ClientSecret secret = generator.clientSecret();
        SecretHash hash = secret.hash();

        assertTrue(hash.matches(secret.reveal()));
        assertFalse(hash.matches(secret.reveal() + "x"));
        assertFalse(hash.matches(""));
    }

    @Test
    void secretHashToStringShowsOnlyAPrefix() {
        SecretHash hash = SecretHash.of("abc");

        assertFalse(hash.toString().contains(hash.hex()));
    }

    @Test
    void secretHashParseAcceptsUpperCaseAndRejectsAnythingElse() {
        assertEquals(SecretHash.of("abc"), SecretHash.parse(SecretHash.of("abc").hex().toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> SecretHash.parse("abc"));
        assertNotEquals(SecretHash.of("abc"), SecretHash.of("abd"));
    }
}
