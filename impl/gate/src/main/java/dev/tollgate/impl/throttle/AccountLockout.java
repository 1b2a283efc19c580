package dev.tollgate.impl.throttle;

import java.time.Clock;
import java.time.Duration;

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
 *
 * <p><b>Every password check is reserved before it runs</b> ({@link #reserve}), and a check in flight counts against
 * the limit like a failure, so that parallel requests cannot get more than {@code maxFailures} checks per lockout
 * period: the lock decision and the count are one atomic step. The caller completes the {@link Attempt} with
 * {@link Attempt#failed()} or {@link Attempt#succeeded()}, or closes it unused when no check happened (the hash threw),
 * which releases the reservation. A failure while locked extends the lock to a full period from that failure and
 * never shortens it.
 *
 * <p>The account is the lower-cased, trimmed name, so unknown accounts are counted too and a lock reveals nothing about
 * which accounts exist. Behind a reverse proxy the client address is the proxy's unless the container is told to
 * trust forwarded addresses (Liberty: {@code <httpEndpoint><remoteIp/>}); every client then shares one address, and
 * the lockout works per account as before.
 *
 * <p>Implementations are thread-safe. {@link #inMemory} keeps the counts <b>per node</b>, in memory and bounded: in a
 * cluster each node counts on its own, so a guesser spread over {@code n} nodes gets up to {@code n} times the limit.
 * The authorization server's {@code DatabaseAccountLockout} (module {@code impl/server}) is the shared one: the counts
 * in the database, failures written, a success without failures costing no write.
 */
public interface AccountLockout {

    /**
     * Asks to check one password of {@code account} from {@code clientAddress}: the account is {@link Locked}, or
     * the check is reserved as an {@link Attempt}, which counts against the limit until it is completed or closed.
     *
     * @param clientAddress the request's remote address; null counts as one unknown address
     */
    Reservation reserve(String account, String clientAddress);

    /**
     * The counts of this node, in memory, bounded: when full, keys that are neither locked nor being checked are
     * forgotten first; locked ones are kept, so that a flood of made-up accounts cannot unlock one under attack.
     *
     * @throws IllegalArgumentException when a limit is below 1, {@code maxAccountFailures < maxFailures}, or the
     *     lockout is shorter than a millisecond
     */
    static AccountLockout inMemory(int maxFailures, int maxAccountFailures, Duration lockout, Clock clock) {
        return new InMemoryAccountLockout(maxFailures, maxAccountFailures, lockout, clock);
    }

    /** What {@link #reserve} came to. */
    sealed interface Reservation permits Locked, Attempt {
    }

    /**
     * The account may not be tried now, from this address or from anywhere: no password is checked.
     *
     * @param retryAfterSeconds at least 1: when to try again (the {@code Retry-After} of the answer)
     */
    record Locked(long retryAfterSeconds) implements Reservation {

        public Locked {
            if (retryAfterSeconds < 1) {
                throw new IllegalArgumentException("retryAfterSeconds must be at least 1");
            }
        }
    }

    /**
     * One reserved password check. Complete it once, with {@link #failed()} or {@link #succeeded()}; use it in
     * try-with-resources so that a check that throws releases its reservation uncounted.
     */
    non-sealed interface Attempt extends Reservation, AutoCloseable {

        /** The password was wrong (or the account unknown or disabled): counts towards both locks. */
        void failed();

        /** The password was right: both counts start again. */
        void succeeded();

        /** Releases the reservation uncounted, unless the attempt was completed. Idempotent. */
        @Override
        void close();
    }
}
