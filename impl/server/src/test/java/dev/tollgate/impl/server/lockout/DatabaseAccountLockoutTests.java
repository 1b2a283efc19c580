package dev.tollgate.impl.server.lockout;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.store.StoreException;
import dev.tollgate.impl.server.testing.CountingDataSource;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import dev.tollgate.impl.throttle.AccountLockout;
import dev.tollgate.impl.throttle.AccountLockout.Attempt;
import dev.tollgate.impl.throttle.AccountLockout.Locked;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link DatabaseAccountLockout} on a real database (H2 and PostgreSQL by the subclasses): the rules of
 * {@link AccountLockout}, counted in the database, with several instances over one database standing for the nodes
 * of a cluster.
 */
abstract class DatabaseAccountLockoutTests extends DatabaseTest {

    private static final int MAX_FAILURES = 5;
    private static final int MAX_ACCOUNT_FAILURES = 50;
    private static final Duration LOCKOUT = Duration.ofSeconds(60);
    private static final String ALICE = "alice@example.com";
    private static final String HERE = "192.0.2.1";
    private static final String ELSEWHERE = "198.51.100.7";

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");

    private DatabaseAccountLockout node() {
        return new DatabaseAccountLockout(dataSource(), MAX_FAILURES, MAX_ACCOUNT_FAILURES, LOCKOUT, clock);
    }

    @Test
    void failuresLockTheAccountFromThatAddressOnly() {
        DatabaseAccountLockout lockout = node();
        for (int i = 0; i < MAX_FAILURES; i++) {
            fail(lockout, ALICE, HERE);
        }

        assertEquals(60, assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE)).retryAfterSeconds());
        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, ELSEWHERE), "the owner elsewhere is not locked out")
                .close();
    }

    @Test
    void whenTheLastAllowedFailureLocksTheAccountThenTheObserverIsToldOnceAndOfEachRefusal() {
        List<LockoutObserver.Event> events = new ArrayList<>();
        DatabaseAccountLockout lockout = new DatabaseAccountLockout(dataSource(), MAX_FAILURES, MAX_ACCOUNT_FAILURES,
                LOCKOUT, clock, events::add);
        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            fail(lockout, ALICE, HERE);
        }
        assertEquals(List.of(), events, "not locked yet");
        fail(lockout, ALICE, HERE);
        assertEquals(List.of(LockoutObserver.Event.LOCKED), events);

        assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE));
        assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE));

        assertEquals(List.of(LockoutObserver.Event.LOCKED, LockoutObserver.Event.REFUSED,
                LockoutObserver.Event.REFUSED), events);
        assertEquals(List.of("locked", "refused", "refused"), events.stream().map(LockoutObserver.Event::label)
                .toList(), "the labels carry no account");
    }

    @Test
    void whenAPasswordCheckSucceedsThenTheObserverIsNotTold() {
        List<LockoutObserver.Event> events = new ArrayList<>();
        DatabaseAccountLockout lockout = new DatabaseAccountLockout(dataSource(), MAX_FAILURES, MAX_ACCOUNT_FAILURES,
                LOCKOUT, clock, events::add);
        fail(lockout, ALICE, HERE);
        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE)).succeeded();
        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE)).close();

        assertEquals(List.of(), events);
    }

    @Test
    void whenTheObserverThrowsThenTheLockoutStillWorks() {
        DatabaseAccountLockout lockout = new DatabaseAccountLockout(dataSource(), MAX_FAILURES, MAX_ACCOUNT_FAILURES,
                LOCKOUT, clock, event -> {
                    throw new IllegalStateException("metrics down");
                });
        for (int i = 0; i < MAX_FAILURES; i++) {
            fail(lockout, ALICE, HERE);
        }

        assertEquals(60, assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE)).retryAfterSeconds());
    }

    @Test
    void theAccountIsLockedEverywhereAfterMaxAccountFailuresFromAllAddresses() {
        DatabaseAccountLockout lockout = new DatabaseAccountLockout(dataSource(), 2, 4, LOCKOUT, clock);
        for (String address : List.of("192.0.2.1", "192.0.2.2")) {
            fail(lockout, ALICE, address);
            fail(lockout, ALICE, address);
        }

        assertInstanceOf(Locked.class, lockout.reserve(ALICE, "192.0.2.3"));
        assertInstanceOf(Locked.class, lockout.reserve(ALICE, null));
        assertInstanceOf(Attempt.class, lockout.reserve("bob@example.com", "192.0.2.3")).close();
    }

    @Test
    void theNameIsCountedTrimmedAndLowerCased() {
        DatabaseAccountLockout lockout = node();
        for (String name : List.of("alice@example.com", " ALICE@example.com", "Alice@Example.com ", "alice@example.com",
                "ALICE@EXAMPLE.COM")) {
            fail(lockout, name, HERE);
        }

        assertInstanceOf(Locked.class, lockout.reserve("aLiCe@example.com", HERE));
    }

    @Test
    void aSuccessClearsTheCounts() throws SQLException {
        DatabaseAccountLockout lockout = node();
        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            fail(lockout, ALICE, HERE);
        }
        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE)).succeeded();

        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            fail(lockout, ALICE, HERE);
        }
        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE), "the count started again").close();
        assertEquals(List.of(4, 4), failureCounts());
    }

    @Test
    void aFailureWhileLockedExtendsTheLockToAFullPeriodAndNeverResetsIt() {
        DatabaseAccountLockout lockout = new DatabaseAccountLockout(dataSource(), 2, 50, LOCKOUT, clock);
        Attempt first = assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE));
        Attempt second = assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE));
        assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE), "the checks in flight reached the limit");

        clock.advance(Duration.ofSeconds(40));
        first.failed();
        clock.advance(Duration.ofSeconds(40));
        second.failed();

        assertEquals(60, assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE)).retryAfterSeconds(),
                "a full period from the last failure");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE)).retryAfterSeconds());
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE), "the lock ran out, and its count with it")
                .close();
    }

    @Test
    void aLockRunsOutByItselfAndTheCountStartsAgain() {
        DatabaseAccountLockout lockout = node();
        for (int i = 0; i < MAX_FAILURES; i++) {
            fail(lockout, ALICE, HERE);
        }
        clock.advance(LOCKOUT);

        for (int i = 0; i < MAX_FAILURES; i++) {
            assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE), "check " + (i + 1)).failed();
        }
        assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE));
    }

    @Test
    void aCountIsForgottenOneLockoutPeriodAfterItsLastFailure() {
        DatabaseAccountLockout lockout = node();
        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            fail(lockout, ALICE, HERE);
        }
        clock.advance(LOCKOUT.minusSeconds(1));
        fail(lockout, ALICE, HERE);
        assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE), "still within the period of the last failure");

        DatabaseAccountLockout other = node();
        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            fail(other, "bob@example.com", HERE);
        }
        clock.advance(LOCKOUT);
        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            fail(other, "bob@example.com", HERE);
        }
        assertInstanceOf(Attempt.class, other.reserve("bob@example.com", HERE), "the first four were forgotten")
                .close();
    }

    @Test
    void aReservationGivenBackIsNotCounted() throws SQLException {
        DatabaseAccountLockout lockout = node();
        fail(lockout, ALICE, HERE);
        for (int i = 0; i < 3 * MAX_FAILURES; i++) {
            assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE)).close();
        }

        assertEquals(List.of(1, 1), failureCounts());
        assertEquals(List.of(0, 0), pendingCounts());
    }

    @Test
    void writesOnlyFailuresAndASuccessWithoutFailuresCostsNoWrite() {
        CountingDataSource counting = new CountingDataSource(dataSource());
        DatabaseAccountLockout lockout = new DatabaseAccountLockout(counting.dataSource(), MAX_FAILURES,
                MAX_ACCOUNT_FAILURES, LOCKOUT, clock);

        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE)).succeeded();
        assertEquals(List.of("SELECT"), counting.take(), "a success without failures: one read, no write");

        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE)).failed();
        assertEquals(List.of("SELECT", "INSERT", "INSERT"), counting.take(),
                "the first failure: a read, then a row per key");

        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE)).failed();
        assertEquals(List.of("SELECT", "UPDATE", "UPDATE", "UPDATE", "UPDATE"), counting.take(),
                "a later failure: a read, a reservation per key, a failure per key");

        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE)).succeeded();
        assertEquals(List.of("SELECT", "UPDATE", "UPDATE", "UPDATE"), counting.take(),
                "a success after failures: a read, a reservation per key, one update that clears both");

        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE)).succeeded();
        assertEquals(List.of("SELECT"), counting.take(), "cleared: no write again");

        for (int i = 0; i < MAX_FAILURES; i++) {
            fail(lockout, ALICE, HERE);
        }
        counting.take();
        assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE));
        assertEquals(List.of("SELECT"), counting.take(), "a locked answer: one read");
    }

    @Test
    void theTableHoldsNeitherTheNamesTriedNorTheAddresses() throws SQLException {
        fail(node(), "correct-horse-battery", HERE);

        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT key_hash FROM login_lockouts");
             ResultSet rows = select.executeQuery()) {
            int count = 0;
            while (rows.next()) {
                count++;
                String key = rows.getString(1);
                assertEquals(43, key.length());
                assertFalse(key.contains("horse") || key.contains("192"), key);
            }
            assertEquals(2, count, "one row per account and address, one per account");
        }
    }

    @Test
    void twentyParallelGuessersOnOneNodeGetExactlyMaxFailuresChecks() throws Exception {
        DatabaseAccountLockout lockout = node();

        int checks = attack(List.of(lockout), 20, ALICE, index -> HERE);

        assertEquals(MAX_FAILURES, checks);
        assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE));
    }

    @Test
    void failuresSpreadOverTwoNodesLockAtTheSameCountAsOnOne() {
        DatabaseAccountLockout one = node();
        DatabaseAccountLockout two = node();
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertInstanceOf(Attempt.class, (i % 2 == 0 ? one : two).reserve(ALICE, HERE), "check " + (i + 1))
                    .failed();
        }

        assertInstanceOf(Locked.class, one.reserve(ALICE, HERE));
        assertInstanceOf(Locked.class, two.reserve(ALICE, HERE));
    }

    @Test
    void parallelGuessersSpreadOverTwoNodesGetAtMostOneCheckMoreThanTheLimit() throws Exception {
        for (int round = 0; round < 5; round++) {
            String account = "round-" + round + "@example.com";
            DatabaseAccountLockout one = node();
            DatabaseAccountLockout two = node();

            int checks = attack(List.of(one, two), 20, account, index -> HERE);
            System.out.printf("DatabaseAccountLockoutTests (%s): two nodes, 20 guessers, round %d: %d checks%n",
                    getClass().getSimpleName(), round, checks);

            assertTrue(checks >= MAX_FAILURES && checks <= MAX_FAILURES + 1, "round " + round + ": " + checks
                    + " checks; the bound is max-failures + nodes - 1");
            assertInstanceOf(Locked.class, one.reserve(account, HERE));
            assertInstanceOf(Locked.class, two.reserve(account, HERE));
        }
    }

    @Test
    void parallelGuessersFromManyAddressesOverTwoNodesAreStoppedByTheAccountLimit() throws Exception {
        DatabaseAccountLockout one = new DatabaseAccountLockout(dataSource(), 3, 12, LOCKOUT, clock);
        DatabaseAccountLockout two = new DatabaseAccountLockout(dataSource(), 3, 12, LOCKOUT, clock);

        int checks = attack(List.of(one, two), 16, ALICE, index -> "192.0.2." + (index % 8));

        assertTrue(checks >= 12 && checks <= 13, checks + " checks; the account's bound is 12 + nodes - 1");
        assertInstanceOf(Locked.class, one.reserve(ALICE, "203.0.113.9"), "locked from a new address too");
    }

    @Test
    void whenTheDatabaseIsDownAReservationFailsAndNothingIsLeftHeld() {
        CountingDataSource flaky = new CountingDataSource(dataSource());
        DatabaseAccountLockout lockout = new DatabaseAccountLockout(flaky.dataSource(), MAX_FAILURES,
                MAX_ACCOUNT_FAILURES, LOCKOUT, clock);
        flaky.down(true);

        for (int i = 0; i < 2 * MAX_FAILURES; i++) {
            assertThrows(StoreException.class, () -> lockout.reserve(ALICE, HERE), "no check runs uncounted");
        }

        flaky.down(false);
        for (int i = 0; i < MAX_FAILURES; i++) {
            fail(lockout, ALICE, HERE);
        }
        assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE), "the failed reservations held nothing");
    }

    @Test
    void aFailureTheDatabaseCannotTakeIsKeptByThisNode() {
        CountingDataSource flaky = new CountingDataSource(dataSource());
        DatabaseAccountLockout lockout = new DatabaseAccountLockout(flaky.dataSource(), 2, MAX_ACCOUNT_FAILURES,
                LOCKOUT, clock);
        for (int i = 0; i < 2; i++) {
            Attempt attempt = assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE));
            flaky.down(true);
            assertDoesNotThrow(attempt::failed, "the caller answers the wrong password as usual");
            flaky.down(false);
        }

        assertEquals(60, assertInstanceOf(Locked.class, lockout.reserve(ALICE, HERE)).retryAfterSeconds(),
                "counted in this node's memory");
        assertInstanceOf(Attempt.class, node().reserve(ALICE, HERE), "another node never heard of them").close();
        clock.advance(LOCKOUT);
        assertInstanceOf(Attempt.class, lockout.reserve(ALICE, HERE), "and the lock runs out").close();
    }

    @Test
    void thePurgeDeletesTheRowsThatExpired() throws SQLException {
        DatabaseAccountLockout lockout = node();
        fail(lockout, ALICE, HERE);
        clock.advance(Duration.ofSeconds(30));
        fail(lockout, "bob@example.com", HERE);

        clock.advance(Duration.ofSeconds(31));
        assertEquals(2, lockout.purgeExpiredBefore(clock.instant()), "alice's two rows");
        assertEquals(2, failureCounts().size());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(2, lockout.purgeExpiredBefore(clock.instant()));
        assertEquals(List.of(), failureCounts());
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new DatabaseAccountLockout(dataSource(), 0, 50, LOCKOUT, clock));
        assertThrows(IllegalArgumentException.class,
                () -> new DatabaseAccountLockout(dataSource(), 5, 4, LOCKOUT, clock));
        assertThrows(IllegalArgumentException.class,
                () -> new DatabaseAccountLockout(dataSource(), 5, 50, Duration.ofMillis(500), clock));
    }

    /** Index of an attacker → the address it guesses from. */
    private interface Addresses {
        String of(int attacker);
    }

    /**
     * {@code attackers} threads, spread over the nodes in turn, guess wrong passwords at {@code account} until each
     * has been answered locked twice in a row; every check takes a few milliseconds, like a (fast) password hash.
     *
     * @return how many password checks ran
     */
    private static int attack(List<DatabaseAccountLockout> nodes, int attackers, String account, Addresses addresses)
            throws Exception {
        AtomicInteger checks = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attackers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int a = 0; a < attackers; a++) {
                int attacker = a;
                AccountLockout node = nodes.get(a % nodes.size());
                done.add(pool.submit(() -> {
                    start.await();
                    int lockedInARow = 0;
                    for (int guess = 0; guess < 200 && lockedInARow < 2; guess++) {
                        if (node.reserve(account, addresses.of(attacker)) instanceof Attempt attempt) {
                            try (attempt) {
                                checks.incrementAndGet();
                                Thread.sleep(5);
                                attempt.failed();
                            }
                            lockedInARow = 0;
                        } else {
                            lockedInARow++;
                            Thread.sleep(2);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return checks.get();
    }

    private static void fail(AccountLockout lockout, String account, String address) {
        assertInstanceOf(Attempt.class, lockout.reserve(account, address)).failed();
    }

    private List<Integer> failureCounts() throws SQLException {
        return column("failures");
    }

    private List<Integer> pendingCounts() throws SQLException {
        return column("pending");
    }

    private List<Integer> column(String name) throws SQLException {
        List<Integer> values = new ArrayList<>();
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + name
                     + " FROM login_lockouts ORDER BY " + name);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getInt(1));
            }
        }
        return values;
    }
}
