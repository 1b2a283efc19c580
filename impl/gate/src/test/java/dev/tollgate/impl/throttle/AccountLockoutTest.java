package dev.tollgate.impl.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class AccountLockoutTest {

    private static final String HOME = "192.0.2.1";
    private static final String ATTACKER = "198.51.100.66";

    private final TestClock clock = TestClock.now();

    private AccountLockout lockout(int maxFailures, int maxAccountFailures) {
        return AccountLockout.inMemory(maxFailures, maxAccountFailures, Duration.ofSeconds(60), clock);
    }

    private static AccountLockout.Attempt attempt(AccountLockout lockout, String account, String address) {
        return assertInstanceOf(AccountLockout.Attempt.class, lockout.reserve(account, address));
    }

    private static long lockedFor(AccountLockout lockout, String account, String address) {
        AccountLockout.Reservation reservation = lockout.reserve(account, address);
        if (reservation instanceof AccountLockout.Attempt attempt) {
            attempt.close();
            return 0;
        }
        return ((AccountLockout.Locked) reservation).retryAfterSeconds();
    }

    @Test
    void fiveFailuresFromOneAddressLockTheAccountThereForTheLockout() {
        AccountLockout lockout = lockout(5, 50);
        for (int i = 0; i < 4; i++) {
            attempt(lockout, "Alice@Example.com", ATTACKER).failed();
            assertEquals(0, lockedFor(lockout, "alice@example.com", ATTACKER));
        }

        attempt(lockout, " alice@example.com ", ATTACKER).failed();

        assertEquals(60, lockedFor(lockout, "alice@example.com", ATTACKER));
        assertEquals(0, lockedFor(lockout, "alice@example.com", HOME), "the owner is not locked out");
        assertEquals(0, lockedFor(lockout, "bob@example.com", ATTACKER), "nor is another account");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(0, lockedFor(lockout, "alice@example.com", ATTACKER));
    }

    @Test
    void failuresFromManyAddressesLockTheAccountEverywhere() {
        AccountLockout lockout = lockout(5, 10);
        for (int i = 0; i < 10; i++) {
            attempt(lockout, "alice@example.com", "198.51.100." + i).failed();
        }

        assertEquals(60, lockedFor(lockout, "alice@example.com", HOME));
    }

    @Test
    void successClearsBothCounts() {
        AccountLockout lockout = lockout(2, 3);
        attempt(lockout, "a", HOME).failed();
        attempt(lockout, "a", ATTACKER).failed();
        attempt(lockout, "a", HOME).succeeded();
        attempt(lockout, "a", HOME).failed();
        attempt(lockout, "a", ATTACKER).failed();

        assertEquals(0, lockedFor(lockout, "a", HOME));
        assertEquals(0, lockedFor(lockout, "a", null));
    }

    @Test
    void checksInFlightCountAgainstTheLimitBeforeAnyOfThemFails() {
        AccountLockout lockout = lockout(5, 50);
        List<AccountLockout.Attempt> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(attempt(lockout, "alice", ATTACKER));
        }

        assertEquals(60, assertInstanceOf(AccountLockout.Locked.class, lockout.reserve("alice", ATTACKER))
                .retryAfterSeconds());
        inFlight.forEach(AccountLockout.Attempt::failed);
        assertEquals(60, lockedFor(lockout, "alice", ATTACKER));
    }

    @Test
    void failureWhileLockedExtendsTheLockAndNeverResetsIt() {
        AccountLockout lockout = lockout(5, 50);
        List<AccountLockout.Attempt> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(attempt(lockout, "alice", ATTACKER));
        }
        clock.advance(Duration.ofSeconds(30));

        inFlight.forEach(AccountLockout.Attempt::failed);

        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, lockedFor(lockout, "alice", ATTACKER), "a full period from the last failure");
        clock.advance(Duration.ofSeconds(1));
        attempt(lockout, "alice", ATTACKER).failed();
        assertEquals(0, lockedFor(lockout, "alice", ATTACKER), "after the lock, the count starts again");
    }

    @Test
    void successInFlightClearsTheLockTheOthersHeld() {
        AccountLockout lockout = lockout(3, 50);
        AccountLockout.Attempt owner = attempt(lockout, "alice", HOME);
        AccountLockout.Attempt first = attempt(lockout, "alice", HOME);
        AccountLockout.Attempt second = attempt(lockout, "alice", HOME);
        first.failed();

        owner.succeeded();

        assertEquals(0, lockedFor(lockout, "alice", HOME));
        second.failed();
        assertEquals(0, lockedFor(lockout, "alice", HOME), "one failure since the success");
    }

    @Test
    void aCheckThatDidNotHappenIsReleasedUncounted() {
        AccountLockout lockout = lockout(2, 50);
        attempt(lockout, "alice", ATTACKER).failed();
        AccountLockout.Attempt thrown = attempt(lockout, "alice", ATTACKER);
        assertEquals(60, lockedFor(lockout, "alice", ATTACKER), "in flight, it counts");

        thrown.close();


        assertEquals(0, lockedFor(lockout, "alice", ATTACKER), "released, it does not");
        attempt(lockout, "alice", ATTACKER).failed();
        assertEquals(60, lockedFor(lockout, "alice", ATTACKER));
    }

    @Test
    void anAttemptCountsOnceHoweverItIsCompleted() {
        AccountLockout lockout = lockout(2, 50);
        AccountLockout.Attempt attempt = attempt(lockout, "alice", ATTACKER);
        attempt.failed();
        attempt.failed();
        attempt.close();

        assertEquals(0, lockedFor(lockout, "alice", ATTACKER));
    }

    @Test
    void aRefusalByTheAccountLockGivesTheAddressReservationBack() {
        AccountLockout lockout = lockout(2, 2);
        attempt(lockout, "alice", "198.51.100.1").failed();
        attempt(lockout, "alice", "198.51.100.2").failed();

        assertInstanceOf(AccountLockout.Locked.class, lockout.reserve("alice", HOME));
        clock.advance(Duration.ofSeconds(60));

        attempt(lockout, "alice", HOME).failed();
        assertEquals(0, lockedFor(lockout, "alice", HOME), "the refused reservation was not left in flight");
    }

    @Test
    void manyThreadsAtOnceGetAtMostMaxFailuresChecks() throws Exception {
        AccountLockout lockout = lockout(5, 50);
        int granted = hammer(lockout, 32, thread -> ATTACKER);

        assertTrue(granted <= 5, granted + " checks");
        assertEquals(5, granted, "and the limit is reached, not undershot");
        assertEquals(60, lockedFor(lockout, "alice", ATTACKER));
    }

    @Test
    void manyThreadsFromManyAddressesGetAtMostMaxAccountFailuresChecks() throws Exception {
        AccountLockout lockout = lockout(2, 10);
        int granted = hammer(lockout, 64, thread -> "198.51.100." + thread);

        assertTrue(granted <= 10, granted + " checks");
        assertEquals(60, lockedFor(lockout, "alice", HOME));
    }

    /**
     * {@code threads} threads start together and each asks 20 times for a check of alice from its address; a granted
     * check takes a moment and fails. The clock stands still: everything happens within one lockout period.
     *
     * @return how many checks were granted
     */
    private static int hammer(AccountLockout lockout, int threads, IntFunction<String> address)
            throws Exception {
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String from = address.apply(t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        if (lockout.reserve("alice", from) instanceof AccountLockout.Attempt attempt) {
                            granted.incrementAndGet();
                            Thread.sleep(2); // the password hash
                            attempt.failed();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return granted.get();
    }

    @Test
    void limitsMustBeOrderedAndTheLockoutPositive() {
        assertThrows(IllegalArgumentException.class, () -> lockout(0, 5));
        assertThrows(IllegalArgumentException.class, () -> lockout(5, 4));
        assertThrows(IllegalArgumentException.class, () -> AccountLockout.inMemory(5, 50, Duration.ZERO, clock));
        assertThrows(IllegalArgumentException.class, () -> new AccountLockout.Locked(0));
    }

    @Test
    void aFullThrottleKeepsLockedKeysAndChecksInFlight() {
        FailureThrottle throttle = new FailureThrottle(2, 60_000, 3);
        long now = clock.millis();
        for (int i = 0; i < 2; i++) {
            assertEquals(0, throttle.reserve("victim", now));
            throttle.failed("victim", now);
        }
        assertEquals(0, throttle.reserve("in-flight", now));
        for (int i = 0; i < 100; i++) {
            if (throttle.reserve("spray-" + i, now) == 0) {
                throttle.failed("spray-" + i, now);
            }
        }

        assertTrue(throttle.size() <= 3, throttle.size() + " keys");
        assertEquals(60, throttle.lockedFor("victim", now), "a flood of made-up keys does not unlock it");
        assertEquals(0, throttle.reserve("in-flight", now));
        assertEquals(60, throttle.reserve("in-flight", now), "nor forget a check in flight");
    }

    @Test
    void aFullThrottleOfLockedKeysRefusesNewOnesRatherThanFailOpen() {
        FailureThrottle throttle = new FailureThrottle(1, 60_000, 2);
        long now = clock.millis();
        for (String key : List.of("a", "b")) {
            throttle.reserve(key, now);
            throttle.failed(key, now);
        }

        assertEquals(60, throttle.reserve("c", now));
        assertEquals(0, throttle.reserve("c", now + 60_000), "once the locks run out, room is made");
    }

    @Test
    void hugeAccountNamesAreKeyedByADigestAndStillCounted() {
        String huge = "a".repeat(500_000) + "@example.com";
        assertTrue(InMemoryAccountLockout.accountKey(huge).length() < 100);
        assertEquals(InMemoryAccountLockout.accountKey(huge), InMemoryAccountLockout.accountKey(" "
                + huge.toUpperCase(Locale.ROOT)));
        assertEquals("alice@example.com", InMemoryAccountLockout.accountKey(" Alice@Example.com "));

        AccountLockout lockout = lockout(2, 50);
        attempt(lockout, huge, ATTACKER).failed();
        attempt(lockout, huge, ATTACKER).failed();

        assertEquals(60, lockedFor(lockout, huge, ATTACKER));
        assertEquals(0, lockedFor(lockout, huge + "x", ATTACKER), "another name, another key");
    }

    @Test
    void retryAfterIsNeverLongerThanTheLockout() {
        FailureThrottle throttle = new FailureThrottle(1, 60_000);
        long now = clock.millis();
        throttle.reserve("alice", now);
        // Another thread's failure, whose clock read came a moment later than this thread's.
        throttle.failed("alice", now + 900);

        assertEquals(60, throttle.reserve("alice", now));
        assertEquals(60, throttle.lockedFor("alice", now));
    }

    @Test
    void keysWithNothingToRememberAreDropped() {
        FailureThrottle throttle = new FailureThrottle(5, 60_000);
        long now = clock.millis();
        throttle.reserve("a", now);
        throttle.succeeded("a");
        throttle.reserve("b", now);
        throttle.released("b", now);

        assertEquals(0, throttle.size());
    }
}
