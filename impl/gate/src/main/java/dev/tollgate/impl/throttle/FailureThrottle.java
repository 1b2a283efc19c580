package dev.tollgate.impl.throttle;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts password checks per key: the failures in a row, and the checks in flight. {@link AccountLockout} uses two:
 * per account and address, and per account.
 *
 * <p>A check is reserved before it runs. When the failures and the reservations together reach {@code maxFailures},
 * the key is locked for {@code lockout}: so no more than {@code maxFailures} checks can be under way or failed at once,
 * however many requests arrive together. A failure while locked extends the lock to a full period from that failure; a
 * success clears the count and the lock; a released reservation (no check happened) lifts a lock that only it held.
 * When a lock runs out, the count starts again. Each step is one atomic {@link ConcurrentHashMap#compute} of an
 * immutable state.
 *
 * <p>Bounded: when full, keys that are neither locked nor being checked are forgotten first; locked ones are kept, so
 * that a flood of made-up keys cannot unlock an account under attack. When every key is locked or being checked, a new
 * key is refused (never fails open). Thread-safe; per node, in memory.
 */
final class FailureThrottle {

    /** The most keys tracked at once. */
    static final int MAX_KEYS = 100_000;

    /** @param lockedUntilMillis 0 when not locked */
    private record State(int failures, int inFlight, long lockedUntilMillis) {

        static final State IDLE = new State(0, 0, 0);

        /** The state at {@code now}: a lock that has run out is forgotten with its count. */
        State at(long now) {
            return lockedUntilMillis != 0 && lockedUntilMillis <= now ? new State(0, inFlight, 0) : this;
        }

        boolean locked(long now) {
            return lockedUntilMillis > now;
        }

        boolean evictable(long now) {
            return inFlight == 0 && !locked(now);
        }

        /** Null (remove the key) when nothing is left to remember. */
        State orNull() {
            return failures == 0 && inFlight == 0 && lockedUntilMillis == 0 ? null : this;
        }
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

    /**
     * Reserves one check of {@code key}.
     *
     * @return 0 when reserved; else the seconds (rounded up, at least 1) until the key may be tried again
     */
    long reserve(String key, long nowMillis) {
        if (!hasRoomFor(key, nowMillis)) {
            return seconds(lockoutMillis);
        }
        long[] refused = {0};
        states.compute(key, (k, current) -> {
            State state = current == null ? State.IDLE : current.at(nowMillis);
            if (state.locked(nowMillis)) {
                refused[0] = remaining(state, nowMillis);
                return state;
            }
            int inFlight = state.inFlight() + 1;
            // The checks in flight count against the limit: the one that reaches it locks the key for the others.
            long lockedUntil = state.failures() + inFlight >= maxFailures ? nowMillis + lockoutMillis : 0;
            return new State(state.failures(), inFlight, lockedUntil);
        });
        return refused[0];
    }

    /** A reserved check failed. */
    void failed(String key, long nowMillis) {
        states.compute(key, (k, current) -> {
            State state = current == null ? State.IDLE : current.at(nowMillis);
            int inFlight = Math.max(0, state.inFlight() - 1);
            int failures = Math.min(maxFailures, state.failures() + 1);
            if (state.locked(nowMillis) || failures + inFlight >= maxFailures) {
                // Locked, or locked again: a full period from this failure, never shorter than the lock already set.
                return new State(failures, inFlight, Math.max(state.lockedUntilMillis(), nowMillis + lockoutMillis));
            }
            return new State(failures, inFlight, 0);
        });
    }

    /** A reserved check succeeded: the count and any lock are cleared; other checks in flight stay reserved. */
    void succeeded(String key) {
        states.computeIfPresent(key, (k, state) -> new State(0, Math.max(0, state.inFlight() - 1), 0).orNull());
    }

    /** A reserved check did not happen: the reservation is given back uncounted. */
    void released(String key, long nowMillis) {
        states.computeIfPresent(key, (k, current) -> {
            State state = current.at(nowMillis);
            int inFlight = Math.max(0, state.inFlight() - 1);
            boolean locked = state.locked(nowMillis) && state.failures() + inFlight >= maxFailures;
            return new State(state.failures(), inFlight, locked ? state.lockedUntilMillis() : 0).orNull();
        });
    }

    /** The seconds (rounded up, at least 1) until the key is unlocked; 0 when it is not locked. */
    long lockedFor(String key, long nowMillis) {
        State state = states.get(key);
        return state == null || !state.locked(nowMillis) ? 0 : remaining(state, nowMillis);
    }

    /** How many keys are tracked now. */
    int size() {
        return states.size();
    }

    private boolean hasRoomFor(String key, long nowMillis) {
        if (states.size() < maxKeys || states.containsKey(key)) {
            return true;
        }
        // CHM's removeIf removes an entry only if it still holds the state tested, so this races safely with compute.
        states.values().removeIf(state -> state.evictable(nowMillis));
        return states.size() < maxKeys;
    }

    /**
     * The seconds left of a lock, at most one lockout period: a thread that read the clock a moment before another
     * thread's failure extended the lock would otherwise see it end more than a period ahead.
     */
    private long remaining(State state, long nowMillis) {
        return seconds(Math.min(lockoutMillis, state.lockedUntilMillis() - nowMillis));
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
