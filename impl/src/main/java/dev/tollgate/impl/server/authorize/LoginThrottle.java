package dev.tollgate.impl.server.authorize;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks an account out of the login page after repeated failures: after {@code maxFailures} consecutive failed
 * logins the account is locked for {@code lockout}, and its password is not even checked meanwhile. A successful
 * login clears the count. Accounts are keyed by the lower-cased, trimmed username, so unknown accounts are counted
 * too and a lock reveals nothing about which accounts exist.
 *
 * <p>Per node and in memory (like the gate's throttle): bounded at {@link #MAX_ACCOUNTS}, forgetting unlocked
 * accounts first when full, so that a flood of made-up names cannot unlock an account under attack.
 */
public final class LoginThrottle {

    static final int MAX_ACCOUNTS = 100_000;

    private record State(int failures, long lockedUntilMillis) {
    }

    private final int maxFailures;
    private final long lockoutMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        this.maxFailures = maxFailures;
        this.lockoutMillis = lockout.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Seconds (rounded up) until the account unlocks; empty when it is not locked. */
    public OptionalLong lockedFor(String username) {
        State state = states.get(key(username));
        long now = clock.millis();
        if (state == null || state.lockedUntilMillis() <= now) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (state.lockedUntilMillis() - now + 999) / 1000));
    }

    public void failed(String username) {
        String key = key(username);
        long now = clock.millis();
        if (!states.containsKey(key) && states.size() >= MAX_ACCOUNTS) {
            states.values().removeIf(state -> state.lockedUntilMillis() <= now);
            if (states.size() >= MAX_ACCOUNTS) {
                return;
            }
        }
        states.compute(key, (k, state) -> {
            int failures = state == null || state.lockedUntilMillis() != 0 ? 1 : state.failures() + 1;
            return failures >= maxFailures ? new State(0, now + lockoutMillis) : new State(failures, 0);
        });
    }

    public void succeeded(String username) {
        states.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
