package dev.tollgate.impl.throttle;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Locks out password guessing without letting a stranger lock a user out (OWASP Authentication Cheat Sheet, "Account
 * Lockout"). Two counts of consecutive failures, both cleared by a success:
 * <ul>
 *   <li><b>per account and client address</b>: after {@code maxFailures} (5 by default) that account is locked for
 *       {@code lockout}, <em>from that address only</em>. Someone guessing from one address is stopped; the
 *       account's owner, elsewhere, is not locked out by it;</li>
 *   <li><b>per account</b>, from all addresses together: after {@code maxAccountFailures} (50 by default) the account
 *       is locked for everyone. This caps a guessing attack spread over many addresses.</li>
 * </ul>
 * The account is the lower-cased, trimmed name, so unknown accounts are counted too and a lock reveals nothing about
 * which accounts exist. Behind a reverse proxy the client address is the proxy's unless the container is told to
 * trust forwarded addresses (Liberty: {@code <httpEndpoint><remoteIp/>}); every client then shares one address, and
 * the lockout works per account as before.
 *
 * <p>Per node and in memory, bounded (see {@link FailureThrottle}). Thread-safe.
 */
public final class AccountLockout {

    private final FailureThrottle byAddress;
    private final FailureThrottle byAccount;
    private final Clock clock;

    /** @throws IllegalArgumentException when a limit is below 1 or {@code maxAccountFailures < maxFailures} */
    public AccountLockout(int maxFailures, int maxAccountFailures, Duration lockout, Clock clock) {
        if (maxFailures < 1 || maxAccountFailures < maxFailures) {
            throw new IllegalArgumentException("need 1 <= maxFailures <= maxAccountFailures");
        }
        this.byAddress = new FailureThrottle(maxFailures, lockout.toMillis());
        this.byAccount = new FailureThrottle(maxAccountFailures, lockout.toMillis());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param clientAddress the request's remote address; null counts as one unknown address
     * @return seconds (rounded up) until this account may be tried again from this address; empty when it may now
     */
    public OptionalLong lockedFor(String account, String clientAddress) {
        long now = clock.millis();
        OptionalLong fromHere = byAddress.lockedFor(key(account, clientAddress), now);
        OptionalLong everywhere = byAccount.lockedFor(normalize(account), now);
        if (fromHere.isEmpty()) {
            return everywhere;
        }
        return everywhere.isEmpty() ? fromHere
                : OptionalLong.of(Math.max(fromHere.getAsLong(), everywhere.getAsLong()));
    }

    public void failed(String account, String clientAddress) {
        long now = clock.millis();
        byAddress.failed(key(account, clientAddress), now);
        byAccount.failed(normalize(account), now);
    }

    /** The right password: both counts start again. */
    public void succeeded(String account, String clientAddress) {
        byAddress.succeeded(key(account, clientAddress));
        byAccount.succeeded(normalize(account));
    }

    private static String key(String account, String clientAddress) {
        // An address holds no newline, so the key splits unambiguously at its last one.
        return normalize(account) + "\n" + (clientAddress == null ? "" : clientAddress);
    }

    private static String normalize(String account) {
        return account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
    }
}
