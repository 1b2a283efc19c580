package dev.tollgate.impl.server.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionKeyTest {

    private static final byte[] PLAINTEXT = "{\"kty\":\"EC\",\"d\":\"private\"}".getBytes(StandardCharsets.UTF_8);

    private final KeyEncryptionKey key = KeyEncryptionKey.generate(new SecureRandom());

    @Test
    void sealThenOpenReturnsThePlaintext() throws KeyDecryptionException {
        String sealed = key.seal(PLAINTEXT, "kid-1");

        assertTrue(sealed.startsWith("A256GCM." + key.fingerprint() + "."), sealed);
        assertFalse(sealed.contains("private"));
        assertArrayEquals(PLAINTEXT, key.open(sealed, "kid-1"));
    }

    @Test
    void sealTwiceGivesDifferentCiphertexts() {
        assertNotEquals(key.seal(PLAINTEXT, "kid-1"), key.seal(PLAINTEXT, "kid-1"));
    }

    @Test
    void openWithAnotherKeyFailsNamingBothFingerprints() {
        KeyEncryptionKey other = KeyEncryptionKey.generate(new SecureRandom());
        String sealed = key.seal(PLAINTEXT, "kid-1");

        KeyDecryptionException e = assertThrows(KeyDecryptionException.class, () -> other.open(sealed, "kid-1"));

        assertTrue(e.getMessage().contains(key.fingerprint()));
        assertTrue(e.getMessage().contains(other.fingerprint()));
    }

    @Test
    void openWithOtherAssociatedDataFails() {
        String sealed = key.seal(PLAINTEXT, "kid-1");

        assertThrows(KeyDecryptionException.class, () -> key.open(sealed, "kid-2"));
    }

    @Test
    void openWhenCiphertextAlteredFails() {
        String sealed = key.seal(PLAINTEXT, "kid-1");
        int last = sealed.length() - 1;
        String altered = sealed.substring(0, last) + (sealed.charAt(last) == 'A' ? 'B' : 'A');

        assertThrows(KeyDecryptionException.class, () -> key.open(altered, "kid-1"));
        assertThrows(KeyDecryptionException.class, () -> key.open("garbage", "kid-1"));
        assertThrows(KeyDecryptionException.class, () -> key.open(null, "kid-1"));
    }

    @Test
    void decodeAcceptsStandardAndUrlSafeBase64() throws KeyDecryptionException {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        KeyEncryptionKey standard = KeyEncryptionKey.decode(Base64.getEncoder().encodeToString(raw));
        KeyEncryptionKey urlSafe = KeyEncryptionKey.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));

        assertEquals(standard.fingerprint(), urlSafe.fingerprint());
        assertArrayEquals(PLAINTEXT, urlSafe.open(standard.seal(PLAINTEXT, "k"), "k"));
    }

    @Test
    void decodeWhenNot32BytesFailsWithoutRepeatingTheInput() {
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyEncryptionKey.decode(tooShort));
        assertFalse(e.getMessage().contains(tooShort));
        assertThrows(IllegalArgumentException.class, () -> KeyEncryptionKey.decode("not base64 at all!"));
    }

    @Test
    void toStringShowsOnlyTheFingerprint() {
        assertEquals("KeyEncryptionKey[" + key.fingerprint() + "]", key.toString());
        assertFalse(key.toString().contains(key.encode()));
    }
}
