package dev.tollgate.impl.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.password.PasswordHasher;
import org.junit.jupiter.api.Test;

class ClientSecretVerifierTest {

    private static final String SECRET = "operator-chosen-secret";
    private static final PasswordHasher HASHER = new PasswordHasher(1000);

    private final ClientSecretVerifier verifier = new ClientSecretVerifier(HASHER);

    @Test
    void saltedHashWhenTheSecretThenMatchesAndDiffersForEachSalt() {
        SaltedSecretHash one = SaltedSecretHash.of(SecretHash.of(SECRET), HASHER);
        SaltedSecretHash two = SaltedSecretHash.of(SecretHash.of(SECRET), HASHER);

        assertNotEquals(one, two, "a random salt per hash");
        assertTrue(one.stored().startsWith("pbkdf2-sha256$1000$"));
        assertFalse(one.stored().contains(SecretHash.of(SECRET).hex()));
        assertTrue(verifier.matches(one, SECRET));
        assertTrue(verifier.matches(two, SECRET));
        assertFalse(verifier.matches(one, SECRET + "!"));
        assertFalse(verifier.matches(one, SecretHash.of(SECRET).hex()), "the SHA-256 is not the secret");
        assertEquals("SaltedSecretHash[pbkdf2-sha256]", one.toString());
    }

    @Test
    void sha256WhenServerGeneratedSecretThenMatchesAsBefore() {
        String generated = new SecretGenerator().token();

        assertTrue(verifier.matches(SecretHash.of(generated), generated));
        assertFalse(verifier.matches(SecretHash.of(generated), generated + "x"));
        assertEquals(0, verifier.cached(), "nothing to cache for a fast hash");
    }

    @Test
    void storedFormIsRecognisedFromTheColumnValue() {
        String salted = SaltedSecretHash.of(SecretHash.of(SECRET), HASHER).stored();

        assertInstanceOf(SaltedSecretHash.class, StoredSecret.parse(salted));
        assertInstanceOf(SecretHash.class, StoredSecret.parse(SecretHash.of(SECRET).hex()));
        assertInstanceOf(SecretHash.class, StoredSecret.parse(SecretHash.of(SECRET).hex().toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> StoredSecret.parse("md5$abc"));
    }

    @Test
    void onlyASuccessIsCachedAndOnlyForTheSameStoredHash() {
        SaltedSecretHash stored = SaltedSecretHash.of(SecretHash.of(SECRET), HASHER);

        assertFalse(verifier.matches(stored, "wrong-secret-guess"));
        assertEquals(0, verifier.cached(), "a failure is never remembered");
        assertTrue(verifier.matches(stored, SECRET));
        assertTrue(verifier.matches(stored, SECRET));
        assertEquals(1, verifier.cached());

        SaltedSecretHash redeclared = SaltedSecretHash.of(SecretHash.of("another-secret-entirely"), HASHER);
        assertFalse(verifier.matches(redeclared, SECRET), "a new declaration is checked afresh");
        assertEquals(1, verifier.cached());
    }

    @Test
    void cacheIsBounded() {
        SaltedSecretHash stored = SaltedSecretHash.of(SecretHash.of(SECRET), new PasswordHasher(1));
        ClientSecretVerifier fast = new ClientSecretVerifier(new PasswordHasher(1));
        for (int i = 0; i <= ClientSecretVerifier.MAX_ENTRIES; i++) {
            SaltedSecretHash each = SaltedSecretHash.of(SecretHash.of(SECRET + i), new PasswordHasher(1));
            assertTrue(fast.matches(each, SECRET + i));
        }
        assertTrue(fast.cached() <= ClientSecretVerifier.MAX_ENTRIES);
        assertTrue(fast.matches(stored, SECRET));
    }

    @Test
    void saltedCheckWhenEveryPermitIsTakenThenBusyButACachedSuccessNeverWaits() throws Exception {
        ClientSecretVerifier bounded = new ClientSecretVerifier(HASHER, 1, 50);
        SaltedSecretHash stored = SaltedSecretHash.of(SecretHash.of(SECRET), HASHER);
        assertTrue(bounded.matches(stored, SECRET)); // now cached

        bounded.kdfPermits().acquire(); // a flood of wrong secrets holds the only permit
        try {
            assertThrows(SecretCheckBusyException.class, () -> bounded.matches(stored, "wrong-secret-guess"));
            assertTrue(bounded.matches(stored, SECRET), "a cached success needs no PBKDF2, so no permit");
            assertTrue(bounded.matches(SecretHash.of(SECRET), SECRET), "nor does a server-generated secret");
        } finally {
            bounded.kdfPermits().release();
        }
        assertFalse(bounded.matches(stored, "wrong-secret-guess"), "a free permit: a verdict again");
        assertEquals(1, bounded.kdfPermits().availablePermits(), "every check gives its permit back");
    }
}
