package dev.tollgate.impl.server.registration;

/**
 * A registrar went over {@code tollgate.registration.rate-limit}: answered 429 with {@code Retry-After} (RFC 6585 §4)
 * and the problem {@code rate-limited}. Neither RFC 6749 nor RFC 7591 has an error code for a rate limit, so this is
 * an HTTP answer rather than an OAuth error. The message names no registrar.
 */
public final class RegistrationRateLimitedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RegistrationRateLimitedException(long retryAfterSeconds) {
        super("Too many registrations; try again in " + retryAfterSeconds + " s.", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When the next registration is allowed: the {@code Retry-After} value. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
