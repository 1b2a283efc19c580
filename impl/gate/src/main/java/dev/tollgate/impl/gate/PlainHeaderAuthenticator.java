package dev.tollgate.impl.gate;

import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.gate.GateConfig.PlainHeadersConfig;
import dev.tollgate.impl.throttle.AccountLockout;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Plain-header credentials, in three steps: a check is reserved with the {@link AccountLockout}, and an account
 * locked for this client address gets 429 at once; credentials checked within {@code cache-ttl} pass from the cache
 * (the reservation is given back), unless the {@link RevocationChecker} now refuses their account (disabled since);
 * others go to the {@link PlainCredentialVerifier}, whose answer completes the reservation. A lockout that fails
 * (the server's counts in an unreachable database) gets 503 with {@code Retry-After}, and no password is checked.
 *
 * <p>The lockout is the application's own when it has one (a CDI bean: the authorization server shares one lockout
 * between its login page, its password grant and these headers), else one of the gate's, configured by
 * {@code plain-headers.max-failures}, {@code max-account-failures} and {@code lockout}.
 */
final class PlainHeaderAuthenticator {

    private static final Logger LOG = Logger.getLogger(PlainHeaderAuthenticator.class.getName());

    /** Retry-After, in seconds, when the verifier fails. */
    private static final long RETRY_AFTER_SECONDS = 5;
    /** A failing verifier or checker fails every request alike (its database is down): one WARNING a minute. */
    private static final RepeatedWarning DEPENDENCY_FAILED = new RepeatedWarning(LOG, Duration.ofMinutes(1));

    private final Supplier<Optional<PlainCredentialVerifier>> verifier;
    private final Supplier<Optional<RevocationChecker>> revocation;
    private final CredentialCache cache;
    private final Supplier<AccountLockout> lockout;
    private final Clock clock;

    /** With the gate's own lockout, from {@code config}. */
    PlainHeaderAuthenticator(PlainHeadersConfig config, int cacheSize,
                             Supplier<Optional<PlainCredentialVerifier>> verifier,
                             Supplier<Optional<RevocationChecker>> revocation, Clock clock) {
        this(config, cacheSize, verifier, revocation, Optional::empty, clock);
    }

    /** @param sharedLockout the application's lockout, looked up on first use; empty: the gate's own */
    PlainHeaderAuthenticator(PlainHeadersConfig config, int cacheSize,
                             Supplier<Optional<PlainCredentialVerifier>> verifier,
                             Supplier<Optional<RevocationChecker>> revocation,
                             Supplier<Optional<AccountLockout>> sharedLockout, Clock clock) {
        this.verifier = verifier;
        this.revocation = revocation;
        this.cache = new CredentialCache(config.cacheTtl().toMillis(), cacheSize);
        AccountLockout own = AccountLockout.inMemory(config.maxFailures(), config.maxAccountFailures(),
                config.lockout(), clock);
        this.lockout = new MemoizedSupplier<>(() -> sharedLockout.get().orElse(own));
        this.clock = clock;
    }

    /** @param clientAddress the request's remote address, for the lockout */
    VerificationResult verify(String email, String password, String clientAddress) {
        AccountLockout.Reservation reservation;
        try {
            reservation = lockout.get().reserve(email, clientAddress);
        } catch (RuntimeException e) {
            // A lockout that cannot count (its database is down) must not let the check run uncounted: 503.
            LOG.warning(() -> "Tollgate gate: the AccountLockout failed (" + e.getClass().getName() + ")");
            return new VerificationResult.Unavailable(RETRY_AFTER_SECONDS);
        }
        if (!(reservation instanceof AccountLockout.Attempt attempt)) {
            LOG.fine(() -> "Plain credentials refused: " + ProblemType.TOO_MANY_ATTEMPTS);
            return new VerificationResult.Throttled(((AccountLockout.Locked) reservation).retryAfterSeconds());
        }
        // Closing releases the reservation when no password was checked: cached, no verifier, or the verifier threw.
        try (attempt) {
            String key = cache.enabled() ? cache.key(email, password) : null;
            if (key != null) {
                Caller cached = cache.get(key, clock.millis());
                if (cached != null) {
                    return checkAccount(key, cached);
                }
            }
            Optional<PlainCredentialVerifier> store = verifier.get();
            if (store.isEmpty()) {
                return Failure.of(ProblemType.INVALID_CREDENTIALS);
            }
            Optional<Caller> caller;
            char[] secret = password.toCharArray();
            try {
                caller = store.get().verify(email, secret);
            } catch (RuntimeException e) {
                DEPENDENCY_FAILED.log(() -> "Tollgate gate: the PlainCredentialVerifier failed ("
                        + e.getClass().getName() + ")");
                return new VerificationResult.Unavailable(RETRY_AFTER_SECONDS);
            } finally {
                Arrays.fill(secret, '\0');
            }
            if (caller == null || caller.isEmpty()) {
                attempt.failed();
                LOG.fine(() -> "Plain credentials refused: " + ProblemType.INVALID_CREDENTIALS);
                return Failure.of(ProblemType.INVALID_CREDENTIALS);
            }
            attempt.succeeded();
            if (key != null) {
                cache.put(key, caller.get(), clock.millis());
            }
            return VerificationResult.Success.of(caller.get());
        }
    }

    /**
     * A cached verdict stands until {@code cache-ttl}, unless the account was disabled since: the revocation checker
     * is asked with no token id (the same question as for the account's tokens). A refused account is told
     * invalid-credentials, as a fresh check of a disabled account would be, and is dropped from the cache.
     */
    private VerificationResult checkAccount(String key, Caller cached) {
        Optional<RevocationChecker> checker = revocation.get();
        if (checker.isEmpty()) {
            return VerificationResult.Success.of(cached);
        }
        try {
            if (!checker.get().isRevoked(null, cached)) {
                return VerificationResult.Success.of(cached);
            }
        } catch (RuntimeException e) {
            DEPENDENCY_FAILED.log(() -> "Tollgate gate: the RevocationChecker failed (" + e.getClass().getName() + ")");
            return new VerificationResult.Unavailable(RETRY_AFTER_SECONDS);
        }
        cache.remove(key);
        LOG.fine(() -> "Cached plain credentials refused: " + ProblemType.INVALID_CREDENTIALS);
        return Failure.of(ProblemType.INVALID_CREDENTIALS);
    }
}
