package dev.tollgate.impl.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link UserStore} on a real database; run on H2 and PostgreSQL by the subclasses. */
abstract class UserStoreTests extends DatabaseTest {

    /** Cheap hashes: these tests make many. The production parameters are covered by PasswordHasherTest. */
    private final PasswordHasher hasher = new PasswordHasher(1_000);
    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private UserStore users;

    @BeforeEach
    void createStore() {
        users = new UserStore(dataSource(), hasher, clock);
    }

    @Test
    void createThenFindByEmailInAnyCase() {
        User created = users.create(" Alice@Example.COM ", "s3cret-pass".toCharArray(), Set.of("admin", "ops"))
                .orElseThrow();

        User found = users.findByEmail("alice@example.com").orElseThrow();
        assertEquals(created, found);
        assertEquals("Alice@Example.COM", found.email());
        assertEquals("alice@example.com", found.loginName());
        assertEquals(found.id().toString(), found.subject());
        assertEquals(Set.of("admin", "ops"), found.roles());
        assertTrue(found.enabled());
        assertEquals(clock.instant(), found.createdAt());
        assertEquals(found, users.find(found.id()).orElseThrow());
        assertTrue(users.findByEmail("ALICE@example.com").isPresent());
    }

    @Test
    void findBySubjectWhenTheOpaqueIdOrTheLoginNameThenTheUser() {
        User created = users.create("Carol@Example.com", "s3cret-pass".toCharArray(), Set.of()).orElseThrow();

        assertEquals(created, users.findBySubject(created.subject()).orElseThrow(), "a token's sub");
        assertEquals(created, users.findBySubject(created.subject().toUpperCase(java.util.Locale.ROOT)).orElseThrow());
        assertEquals(created, users.findBySubject("carol@example.com").orElseThrow(), "a login name, a stored email");
        assertTrue(users.findBySubject("reporting-service").isEmpty(), "a client acting for itself");
        assertTrue(users.findBySubject("00000000-0000-0000-0000-000000000000").isEmpty());
    }

    @Test
    void createWhenEmailTakenInAnotherCaseThenEmpty() {
        users.create("bob@example.com", "s3cret-pass".toCharArray(), Set.of()).orElseThrow();

        assertTrue(users.create("BOB@example.com", "other-pass".toCharArray(), Set.of()).isEmpty());
        assertEquals(1, users.count());
    }

    @Test
    void createWhenInputInvalidThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> users.create("no-at-sign", "s3cret-pass".toCharArray(),
                Set.of()));
        assertThrows(IllegalArgumentException.class, () -> users.create("a@b.c", "short".toCharArray(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> users.create("a@b.c", "s3cret-pass".toCharArray(),
                Set.of("two words")));
        assertEquals(0, users.count());
    }

    @Test
    void verifyPasswordWhenCorrectThenUser() {
        User created = users.create("carol@example.com", "s3cret-pass".toCharArray(), Set.of("user")).orElseThrow();

        assertEquals(Optional.of(created), users.verifyPassword("Carol@Example.com", "s3cret-pass".toCharArray()));
    }

    @Test
    void verifyPasswordWhenWrongThenEmpty() {
        users.create("dave@example.com", "s3cret-pass".toCharArray(), Set.of()).orElseThrow();

        assertTrue(users.verifyPassword("dave@example.com", "s3cret-pas".toCharArray()).isEmpty());
        assertTrue(users.verifyPassword("dave@example.com", "S3cret-pass".toCharArray()).isEmpty());
        assertTrue(users.verifyPassword("dave@example.com", new char[0]).isEmpty());
    }

    @Test
    void verifyPasswordWhenUserDisabledThenEmpty() {
        users.create("erin@example.com", "s3cret-pass".toCharArray(), Set.of()).orElseThrow();

        assertTrue(users.disable("ERIN@example.com"));

        assertTrue(users.verifyPassword("erin@example.com", "s3cret-pass".toCharArray()).isEmpty());
        assertFalse(users.findByEmail("erin@example.com").orElseThrow().enabled());
        assertTrue(users.setEnabled("erin@example.com", true));
        assertTrue(users.verifyPassword("erin@example.com", "s3cret-pass".toCharArray()).isPresent());
    }

    @Test
    void verifyPasswordWhenEmailUnknownOrMalformedThenEmpty() {
        assertTrue(users.verifyPassword("nobody@example.com", "s3cret-pass".toCharArray()).isEmpty());
        assertTrue(users.verifyPassword("not an email", "s3cret-pass".toCharArray()).isEmpty());
        assertTrue(users.verifyPassword(null, "s3cret-pass".toCharArray()).isEmpty());
    }

    @Test
    void verifyPasswordWhenUserUnknownThenStillSpendsOneHash() {
        // Costly enough that the hash, not the database, dominates each check.
        PasswordHasher slow = new PasswordHasher(200_000);
        UserStore store = new UserStore(dataSource(), slow, clock);
        store.create("frank@example.com", "s3cret-pass".toCharArray(), Set.of()).orElseThrow();

        Runnable knownCheck = () -> store.verifyPassword("frank@example.com", "wrong-pass".toCharArray());
        Runnable unknownCheck = () -> store.verifyPassword("nobody@example.com", "wrong-pass".toCharArray());
        // Both paths compiled first: measured cold, the first one paid for the JIT and read as twice the second.
        for (int i = 0; i < 3; i++) {
            knownCheck.run();
            unknownCheck.run();
        }
        long known = fastest(knownCheck);
        long unknown = fastest(unknownCheck);

        assertTrue(unknown > known / 2, "unknown user: " + unknown / 1_000_000 + " ms, known user: "
                + known / 1_000_000 + " ms");
    }

    @Test
    void resetPasswordThenOnlyTheNewOneWorks() {
        users.create("grace@example.com", "old-password".toCharArray(), Set.of()).orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        assertTrue(users.resetPassword("grace@example.com", "new-password".toCharArray()));

        assertTrue(users.verifyPassword("grace@example.com", "old-password".toCharArray()).isEmpty());
        User user = users.verifyPassword("grace@example.com", "new-password".toCharArray()).orElseThrow();
        assertEquals(clock.instant(), user.updatedAt());
        assertFalse(users.resetPassword("nobody@example.com", "new-password".toCharArray()));
    }

    @Test
    void setRolesReplacesTheRoles() {
        users.create("heidi@example.com", "s3cret-pass".toCharArray(), Set.of("user")).orElseThrow();

        assertTrue(users.setRoles("heidi@example.com", Set.of("admin")));

        assertEquals(Set.of("admin"), users.findByEmail("heidi@example.com").orElseThrow().roles());
    }

    @Test
    void passwordIsStoredOnlyAsASaltedHash() throws SQLException {
        users.create("ivan@example.com", "s3cret-pass".toCharArray(), Set.of()).orElseThrow();

        String stored = storedHash("ivan@example.com");
        assertTrue(stored.startsWith("pbkdf2-sha256$1000$"), stored);
        assertFalse(stored.contains("s3cret-pass"));
    }

    @Test
    void verifyPasswordWhenHashIsWeakerThanCurrentThenUpgradesIt() throws SQLException {
        new UserStore(dataSource(), new PasswordHasher(500), clock)
                .create("judy@example.com", "s3cret-pass".toCharArray(), Set.of()).orElseThrow();

        assertTrue(users.verifyPassword("judy@example.com", "s3cret-pass".toCharArray()).isPresent());

        assertTrue(storedHash("judy@example.com").startsWith("pbkdf2-sha256$1000$"));
        assertTrue(users.verifyPassword("judy@example.com", "s3cret-pass".toCharArray()).isPresent());
    }

    @Test
    void listWhenMoreUsersThanOnePageThenPagesAndTotalsAreRight() {
        List<String> emails = IntStream.rangeClosed(1, 25).mapToObj(i -> "user" + i + "@example.com").toList();
        for (String email : emails) {
            users.create(email, "s3cret-pass".toCharArray(), Set.of()).orElseThrow();
            clock.advance(Duration.ofSeconds(1));
        }

        Page<User> first = users.list(new PageRequest(1, 10));
        Page<User> third = users.list(new PageRequest(3, 10));
        Page<User> beyond = users.list(new PageRequest(4, 10));

        assertEquals(25, first.total());
        assertEquals(3, first.totalPages());
        assertEquals(emails.subList(0, 10), first.items().stream().map(User::email).toList());
        assertTrue(first.hasNext());
        assertEquals(emails.subList(20, 25), third.items().stream().map(User::email).toList());
        assertFalse(third.hasNext());
        assertEquals(25, third.total());
        assertTrue(beyond.items().isEmpty());
        assertEquals(25, beyond.total());
    }

    @Test
    void listWhenEmailSearchedThenOnlyContainingCaseInsensitiveWithWildcardsLiteral() {
        for (String email : List.of("Ann.Smith@example.com", "bob@example.com", "ann_b@example.org",
                "annxb@example.org", "100%@example.net")) {
            users.create(email, "s3cret-pass".toCharArray(), Set.of()).orElseThrow();
            clock.advance(Duration.ofSeconds(1));
        }

        Page<User> ann = users.list(PageRequest.first(), Optional.of("ANN"));
        assertEquals(List.of("Ann.Smith@example.com", "ann_b@example.org", "annxb@example.org"),
                ann.items().stream().map(User::email).toList());
        assertEquals(3, ann.total());
        assertEquals(List.of("ann_b@example.org"), users.list(PageRequest.first(), Optional.of("n_b")).items()
                .stream().map(User::email).toList());
        assertEquals(List.of("100%@example.net"), users.list(PageRequest.first(), Optional.of("%@")).items()
                .stream().map(User::email).toList());
        assertEquals(0, users.list(PageRequest.first(), Optional.of("nobody")).total());
        assertEquals(5, users.list(PageRequest.first(), Optional.of("")).total());
        Page<User> second = users.list(new PageRequest(2, 2), Optional.of("ann"));
        assertEquals(List.of("annxb@example.org"), second.items().stream().map(User::email).toList());
        assertEquals(3, second.total());
    }

    @Test
    void listWhenNoUsersThenEmptyPage() {
        Page<User> page = users.list(PageRequest.first());

        assertEquals(0, page.total());
        assertEquals(0, page.totalPages());
        assertTrue(page.items().isEmpty());
    }

    private String storedHash(String email) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT password_hash FROM users WHERE email_normalized = ?")) {
            select.setString(1, email);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next());
                return rows.getString(1);
            }
        }
    }

    /** The least CPU time of this thread over three runs: what the other processes of a busy machine inflate least. */
    private static long fastest(Runnable check) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = threads.getCurrentThreadCpuTime();
            check.run();
            best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
        }
        return best;
    }
}
