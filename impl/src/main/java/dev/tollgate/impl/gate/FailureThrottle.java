package dev.tollgate.impl.gate;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts consecutive failed plain-header checks per account (the email, case-insensitively). After
 * {@code maxFailures} of them the account is locked for {@code lockout}: its requests get 429 with Retry-After, and
 * its password is not checked at all. A success clears the count.
 *
 * <p>Bounded: when full, accounts that are not locked are forgotten first; locked ones are kept, so that a flood of
 * made-up emails cannot unlock an account under attack.
 */
final class FailureThrottle {

    /** The most accounts tracked at once. */
    static final int MAX_ACCOUNTS = 100_000;

    private record State(int failures, long lockedUntilMillis) {
    }

    private final int maxFailures;
    private final long lockoutMillis;
    private final int maxAccounts;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    FailureThrottle(int maxFailures, long lockoutMillis) {
        this(maxFailures, lockoutMillis, MAX_ACCOUNTS);
    }

    FailureThrottle(int maxFailures, long lockoutMillis, int maxAccounts) {
        this.maxFailures = maxFailures;
        this.lockoutMillis = lockoutMillis;
        this.maxAccounts = maxAccounts;
    }

    /** The seconds (rounded up) until the account is unlocked; empty when it is not locked. */
    OptionalLong lockedFor(String account, long nowMillis) {
        State state = states.get(account);
        if (state == null || state.lockedUntilMillis() <= nowMillis) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (state.lockedUntilMillis() - nowMillis + 999) / 1000));
    }

    void failed(String account, long nowMillis) {
        if (!states.containsKey(account) && states.size() >= maxAccounts) {
            states.values().removeIf(state -> state.lockedUntilMillis() <= nowMillis);
            if (states.size() >= maxAccounts) {
                return; // every tracked account is locked: do not grow further
            }
        }
        states.compute(account, (key, state) -> {
            int failures = state == null || state.lockedUntilMillis() != 0 ? 1 : state.failures() + 1;
            return failures >= maxFailures ? new State(0, nowMillis + lockoutMillis) : new State(failures, 0);
        });
    }

    void succeeded(String account) {
        states.remove(account);
    }
}
