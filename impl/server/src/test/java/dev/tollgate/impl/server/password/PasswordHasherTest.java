package dev.tollgate.impl.server.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    /** Production parameters for the format checks; a cheap hasher where many hashes are made. */
    private static final PasswordHasher OWASP = PasswordHasher.owasp();
    private final PasswordHasher cheap = new PasswordHasher(1_000);

    @Test
    void hashWhenVerifiedWithTheSamePasswordThenMatches() {
        String hash = OWASP.hash("correct horse battery staple".toCharArray());

        assertTrue(OWASP.verify("correct horse battery staple".toCharArray(), hash));
    }

    @Test
    void verifyWhenPasswordWrongThenFalse() {
        String hash = OWASP.hash("correct horse battery staple".toCharArray());

        assertFalse(OWASP.verify("correct horse battery stapler".toCharArray(), hash));
        assertFalse(OWASP.verify("Correct horse battery staple".toCharArray(), hash));
    }

    @Test
    void hashIsSelfDescribingWithOwaspParameters() {
        String hash = OWASP.hash("pa55word!".toCharArray());

        String[] parts = hash.split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("600000", parts[1]);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
        assertFalse(hash.contains("pa55word"));
    }

    @Test
    void hashWhenSamePasswordTwiceThenSaltsDiffer() {
        assertNotEquals(cheap.hash("same password".toCharArray()), cheap.hash("same password".toCharArray()));
    }

    @Test
    void verifyWhenHashMadeWithOtherIterationsThenUsesTheRecordedCount() {
        String weak = new PasswordHasher(500).hash("a password".toCharArray());

        assertTrue(cheap.verify("a password".toCharArray(), weak));
        assertTrue(cheap.needsRehash(weak));
        assertFalse(cheap.needsRehash(cheap.hash("a password".toCharArray())));
    }

    @Test
    void verifyWhenStoredHashMalformedThenFalse() {
        char[] password = "a password".toCharArray();

        assertFalse(cheap.verify(password, null));
        assertFalse(cheap.verify(password, ""));
        assertFalse(cheap.verify(password, "plain text"));
        assertFalse(cheap.verify(password, "bcrypt$10$abc$def"));
        assertFalse(cheap.verify(password, "pbkdf2-sha256$notanumber$AAAA$AAAA"));
        assertFalse(cheap.verify(password, "pbkdf2-sha256$999999999$AAAA$AAAA"));
        assertTrue(cheap.needsRehash("plain text"));
    }

    @Test
    void verifyAgainstNothingIsAlwaysFalse() {
        assertFalse(cheap.verifyAgainstNothing("anything".toCharArray()));
        assertFalse(cheap.verifyAgainstNothing(new char[0]));
    }

    @Test
    void hashWhenPasswordEmptyOrHugeThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> cheap.hash(new char[0]));
        assertThrows(IllegalArgumentException.class,
                () -> cheap.hash(new char[PasswordHasher.MAX_PASSWORD_LENGTH + 1]));
        assertFalse(cheap.verify(new char[PasswordHasher.MAX_PASSWORD_LENGTH + 1], cheap.hash("x".toCharArray())));
    }

    @Test
    void hashHandlesNonAsciiPasswords() {
        String hash = cheap.hash("pässwörd✓".toCharArray());

        assertTrue(cheap.verify("pässwörd✓".toCharArray(), hash));
        assertFalse(cheap.verify("passwort".toCharArray(), hash));
    }
}
