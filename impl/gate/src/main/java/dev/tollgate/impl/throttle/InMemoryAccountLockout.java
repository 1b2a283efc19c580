package dev.tollgate.impl.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link AccountLockout} of one node: two {@link FailureThrottle}s, per account and address and per account. A check is
 * reserved in both, the address first; refused by the account, it gives the address reservation back. Thread-safe.
 */
final class InMemoryAccountLockout implements AccountLockout {

    /** The longest account name kept as it is: an email address has at most 320 characters (RFC 5321 §4.5.3.1). */
    static final int MAX_ACCOUNT_LENGTH = 320;

    private final FailureThrottle byAddress;
    private final FailureThrottle byAccount;
    private final Clock clock;

    InMemoryAccountLockout(int maxFailures, int maxAccountFailures, Duration lockout, Clock clock) {
        if (maxFailures < 1 || maxAccountFailures < maxFailures) {
            throw new IllegalArgumentException("need 1 <= maxFailures <= maxAccountFailures");
        }
        if (lockout.toMillis() < 1) {
            throw new IllegalArgumentException("the lockout must be at least 1 ms");
        }
        this.byAddress = new FailureThrottle(maxFailures, lockout.toMillis());
        this.byAccount = new FailureThrottle(maxAccountFailures, lockout.toMillis());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Reservation reserve(String account, String clientAddress) {
        String everywhere = accountKey(account);
        String fromHere = everywhere + "\n" + (clientAddress == null ? "" : clientAddress);
        long now = clock.millis();
        long here = byAddress.reserve(fromHere, now);
        if (here > 0) {
            return new Locked(Math.max(here, byAccount.lockedFor(everywhere, now)));
        }
        long all = byAccount.reserve(everywhere, now);
        if (all > 0) {
            byAddress.released(fromHere, now);
            return new Locked(all);
        }
        return new ReservedCheck(fromHere, everywhere);
    }

    /**
     * The trimmed, lower-cased name. A longer name than any account has still counts, under a digest, so that a flood
     * of huge made-up names (a login form takes up to 1 MiB) cannot fill the memory that the key count bounds.
     */
    static String accountKey(String account) {
        String normalized = account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
        if (normalized.length() <= MAX_ACCOUNT_LENGTH) {
            // An address holds no newline, so the address key splits unambiguously at its last one.
            return normalized;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return "#" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A check reserved in both throttles, completed at most once. */
    private final class ReservedCheck implements Attempt {

        private final String fromHere;
        private final String everywhere;
        private final AtomicBoolean done = new AtomicBoolean();

        ReservedCheck(String fromHere, String everywhere) {
            this.fromHere = fromHere;
            this.everywhere = everywhere;
        }

        @Override
        public void failed() {
            if (done.compareAndSet(false, true)) {
                long now = clock.millis();
                byAddress.failed(fromHere, now);
                byAccount.failed(everywhere, now);
            }
        }

        @Override
        public void succeeded() {
            if (done.compareAndSet(false, true)) {
                byAddress.succeeded(fromHere);
                byAccount.succeeded(everywhere);
            }
        }

        @Override
        public void close() {
            if (done.compareAndSet(false, true)) {
                long now = clock.millis();
                byAddress.released(fromHere, now);
                byAccount.released(everywhere, now);
            }
        }
    }
}
