package dev.tollgate.impl.gate;

import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.api.spi.GateObserver;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.cache.BoundedCache;
import dev.tollgate.impl.introspect.OpaqueTokenVerifier;
import dev.tollgate.impl.jwt.CompactJws;
import dev.tollgate.impl.verification.Observations;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A Bearer token: size first, then a compact JWS (exactly two dots) goes through the verified-token cache to the
 * verifier of its issuer ({@link JwtRouter}), anything else to introspection. Every good token, fresh or cached,
 * then passes the revocation check.
 */
final class BearerVerifier {

    private static final Logger LOG = Logger.getLogger(BearerVerifier.class.getName());

    /** Retry-After, in seconds, when the revocation checker fails. */
    private static final long REVOCATION_RETRY_AFTER_SECONDS = 5;
    /** A failing checker fails every request alike (its database is down): one WARNING a minute says so. */
    private static final RepeatedWarning REVOCATION_FAILED = new RepeatedWarning(LOG, Duration.ofMinutes(1));

    private final int maxTokenSize;
    private final JwtRouter jwt;
    private final OpaqueTokenVerifier opaque;
    private final BoundedCache<Success> cache;
    private final boolean caching;
    /** Told of every look-up in the cache, hit or miss. */
    private final Supplier<Optional<GateObserver>> observer;
    private final Supplier<Optional<RevocationChecker>> revocation;
    private final long clockSkewMillis;
    private final Clock clock;

    /**
     * @param jwt the configured and the local issuers' verifiers
     * @param opaque the one introspection endpoint's verifier, for tokens that are not JWTs; null without one
     */
    BearerVerifier(int maxTokenSize, JwtRouter jwt, OpaqueTokenVerifier opaque, int cacheSize,
                   Supplier<Optional<RevocationChecker>> revocation, Duration clockSkew, Clock clock) {
        this(maxTokenSize, jwt, opaque, cacheSize, revocation, clockSkew, clock, Observations.NONE);
    }

    /** @param observer told of every look-up in the verified-token cache (none when it is disabled) */
    BearerVerifier(int maxTokenSize, JwtRouter jwt, OpaqueTokenVerifier opaque, int cacheSize,
                   Supplier<Optional<RevocationChecker>> revocation, Duration clockSkew, Clock clock,
                   Supplier<Optional<GateObserver>> observer) {
        this.caching = cacheSize > 0;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.maxTokenSize = maxTokenSize;
        this.jwt = jwt;
        this.opaque = opaque;
        this.cache = new BoundedCache<>(cacheSize);
        this.revocation = revocation;
        this.clockSkewMillis = clockSkew.toMillis();
        this.clock = clock;
    }

    VerificationResult verify(String token) {
        // Header values reach us one char per byte (ISO-8859-1), so length() is the size in bytes.
        if (token.length() > maxTokenSize) {
            return refuse(ProblemType.TOKEN_TOO_LARGE);
        }
        VerificationResult result = CompactJws.hasThreeParts(token) ? verifyJwt(token) : verifyOpaque(token);
        return result instanceof Success success ? checkRevocation(success) : result;
    }

    private VerificationResult verifyJwt(String token) {
        if (jwt.isOff()) {
            // No key here for any JWT; but alg none (or one on no allow-list) is refused for that first (RFC 8725
            // §3.2), as the router would, rather than called an unknown key or sent to introspection.
            if (jwt.refusesAlgorithmOf(token)) {
                return refuse(ProblemType.TOKEN_ALGORITHM);
            }
            return opaque != null ? opaque.verify(token) : refuse(ProblemType.TOKEN_UNKNOWN_KEY);
        }
        long now = clock.millis();
        BoundedCache.Entry<Success> hit = cache.get(token, now);
        if (hit != null) {
            if (now < hit.validUntilMillis()) {
                Observations.tokenCache(observer, true);
                return hit.value();
            }
            cache.remove(hit);
            Observations.tokenCache(observer, false);
            return refuse(ProblemType.TOKEN_EXPIRED);
        }
        if (caching) {
            Observations.tokenCache(observer, false);
        }
        VerificationResult result = jwt.verify(token);
        // A JWT its issuer has us introspect is cached by introspection (max-cache), so that revocation at the
        // issuer is seen within that bound; only a locally verified one is cached here, until it expires.
        if (result instanceof Success success && success.caller().credentialKind() == CredentialKind.JWT) {
            success.caller().expiresAt().ifPresent(expiry ->
                    cache.put(token, success, expiry.toEpochMilli() + clockSkewMillis, now));
        }
        return result;
    }

    private VerificationResult verifyOpaque(String token) {
        if (opaque == null) {
            // Not a JWS, and nothing to introspect it with (a JWE with four dots lands here as well).
            return refuse(ProblemType.TOKEN_MALFORMED);
        }
        return opaque.verify(token);
    }

    private VerificationResult checkRevocation(Success success) {
        Optional<RevocationChecker> checker = revocation.get();
        if (checker.isEmpty()) {
            return success;
        }
        try {
            return checker.get().isRevoked(success.tokenId(), success.caller())
                    ? refuse(ProblemType.TOKEN_REVOKED) : success;
        } catch (RuntimeException e) {
            REVOCATION_FAILED.log(() -> "Tollgate gate: the RevocationChecker failed (" + e.getClass().getName() + ")");
            return new VerificationResult.Unavailable(REVOCATION_RETRY_AFTER_SECONDS);
        }
    }

    int cacheSize() {
        return cache.size();
    }

    private static Failure refuse(ProblemType problem) {
        LOG.fine(() -> "Token refused: " + problem);
        return Failure.of(problem);
    }
}
