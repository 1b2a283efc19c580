package dev.tollgate.impl.throttle;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts consecutive failures per key. After {@code maxFailures} of them the key is locked for {@code lockout}. A
 * success clears the count. {@link AccountLockout} uses two: per account and address, and per account.
 *
 * <p>Bounded: when full, keys that are not locked are forgotten first; locked ones are kept, so that a flood of
 * made-up keys cannot unlock an account under attack. Thread-safe; per node, in memory.
 */
final class FailureThrottle {

    /** The most keys tracked at once. */
    static final int MAX_KEYS = 100_000;

    private record State(int failures, long lockedUntilMillis) {
    }

    private final int maxFailures;
    private final long lockoutMillis;
    private final int maxKeys;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    FailureThrottle(int maxFailures, long lockoutMillis) {
        this(maxFailures, lockoutMillis, MAX_KEYS);
    }

    FailureThrottle(int maxFailures, long lockoutMillis, int maxKeys) {
        this.maxFailures = maxFailures;
        this.lockoutMillis = lockoutMillis;
        this.maxKeys = maxKeys;
    }

    /** The seconds (rounded up) until the key is unlocked; empty when it is not locked. */
    OptionalLong lockedFor(String key, long nowMillis) {
        State state = states.get(key);
        if (state == null || state.lockedUntilMillis() <= nowMillis) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (state.lockedUntilMillis() - nowMillis + 999) / 1000));
    }

    void failed(String key, long nowMillis) {
        if (!states.containsKey(key) && states.size() >= maxKeys) {
            states.values().removeIf(state -> state.lockedUntilMillis() <= nowMillis);
            if (states.size() >= maxKeys) {
                return; // every tracked key is locked: do not grow further
            }
        }
        states.compute(key, (k, state) -> {
            int failures = state == null || state.lockedUntilMillis() != 0 ? 1 : state.failures() + 1;
            return failures >= maxFailures ? new State(0, nowMillis + lockoutMillis) : new State(failures, 0);
        });
    }

    void succeeded(String key) {
        states.remove(key);
    }
}
