package dev.tollgate.impl.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountLockoutTest {

    private static final String HOME = "192.0.2.1";
    private static final String ATTACKER = "198.51.100.66";

    private final TestClock clock = TestClock.now();

    @Test
    void fiveFailuresFromOneAddressLockTheAccountThereForTheLockout() {
        AccountLockout lockout = new AccountLockout(5, 50, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 4; i++) {
            lockout.failed("Alice@Example.com", ATTACKER);
            assertTrue(lockout.lockedFor("alice@example.com", ATTACKER).isEmpty());
        }

        lockout.failed(" alice@example.com ", ATTACKER);

        assertEquals(60, lockout.lockedFor("alice@example.com", ATTACKER).getAsLong());
        assertTrue(lockout.lockedFor("alice@example.com", HOME).isEmpty(), "the owner is not locked out");
        assertTrue(lockout.lockedFor("bob@example.com", ATTACKER).isEmpty(), "nor is another account");
        clock.advance(Duration.ofSeconds(60));
        assertTrue(lockout.lockedFor("alice@example.com", ATTACKER).isEmpty());
    }

    @Test
    void failuresFromManyAddressesLockTheAccountEverywhere() {
        AccountLockout lockout = new AccountLockout(5, 10, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 10; i++) {
            lockout.failed("alice@example.com", "198.51.100." + i);
        }

        assertEquals(60, lockout.lockedFor("alice@example.com", HOME).getAsLong());
    }

    @Test
    void successClearsBothCounts() {
        AccountLockout lockout = new AccountLockout(2, 3, Duration.ofSeconds(60), clock);
        lockout.failed("a", HOME);
        lockout.failed("a", ATTACKER);
        lockout.succeeded("a", HOME);
        lockout.failed("a", HOME);
        lockout.failed("a", ATTACKER);

        assertTrue(lockout.lockedFor("a", HOME).isEmpty());
        assertTrue(lockout.lockedFor("a", null).isEmpty());
    }

    @Test
    void limitsMustBeOrdered() {
        assertThrows(IllegalArgumentException.class, () -> new AccountLockout(0, 5, Duration.ofSeconds(1), clock));
        assertThrows(IllegalArgumentException.class, () -> new AccountLockout(5, 4, Duration.ofSeconds(1), clock));
    }

    @Test
    void aFullThrottleKeepsLockedKeys() {
        FailureThrottle throttle = new FailureThrottle(1, 60_000, 3);
        long now = clock.millis();
        throttle.failed("victim", now);
        for (int i = 0; i < 100; i++) {
            throttle.failed("spray-" + i, now);
        }

        assertTrue(throttle.lockedFor("victim", now).isPresent());
    }
}
