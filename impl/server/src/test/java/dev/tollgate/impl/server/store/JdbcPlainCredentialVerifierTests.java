package dev.tollgate.impl.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.testing.DatabaseTest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate's view of the user store; run on H2 and PostgreSQL by the subclasses. */
abstract class JdbcPlainCredentialVerifierTests extends DatabaseTest {

    private UserStore users;
    private PlainCredentialVerifier verifier;

    @BeforeEach
    void createVerifier() {
        users = new UserStore(dataSource(), new PasswordHasher(1_000), Clock.systemUTC());
        verifier = new JdbcPlainCredentialVerifier(users);
    }

    @Test
    void verifyWhenCredentialsValidThenCallerWithEmailSubjectAndRoles() {
        users.create("Alice@Example.com", "s3cret-pass".toCharArray(), Set.of("admin", "user")).orElseThrow();

        Caller caller = verifier.verify("alice@example.COM", "s3cret-pass".toCharArray()).orElseThrow();

        assertEquals("alice@example.com", caller.subject());
        assertEquals("alice@example.com", caller.getName());
        assertEquals(Set.of("admin", "user"), caller.roles());
        assertEquals(CredentialKind.PLAIN_HEADERS, caller.credentialKind());
        assertEquals(Set.of(), caller.scopes());
        assertEquals(Optional.empty(), caller.clientId());
        assertEquals(Optional.empty(), caller.expiresAt());
    }

    @Test
    void verifyWhenUserDisabledThenEmpty() {
        users.create("bob@example.com", "s3cret-pass".toCharArray(), Set.of()).orElseThrow();
        users.disable("bob@example.com");

        assertTrue(verifier.verify("bob@example.com", "s3cret-pass".toCharArray()).isEmpty());
    }

    @Test
    void verifyWhenPasswordWrongOrUserUnknownOrInputMissingThenEmpty() {
        users.create("carol@example.com", "s3cret-pass".toCharArray(), Set.of()).orElseThrow();

        assertTrue(verifier.verify("carol@example.com", "wrong-pass".toCharArray()).isEmpty());
        assertTrue(verifier.verify("nobody@example.com", "s3cret-pass".toCharArray()).isEmpty());
        assertTrue(verifier.verify(null, "s3cret-pass".toCharArray()).isEmpty());
        assertTrue(verifier.verify("carol@example.com", null).isEmpty());
    }
}
