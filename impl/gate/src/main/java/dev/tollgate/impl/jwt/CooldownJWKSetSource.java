package dev.tollgate.impl.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tollgate.api.spi.GateObserver;
import dev.tollgate.impl.verification.Observations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Lets at most one fetch of the JWK set through per cooldown, and logs every fetch at FINE with its reason and the
 * {@code kid}s it brought (never key material), and tells the {@link GateObserver} of it. An unknown {@code kid} makes Nimbus refetch the set; the cooldown
 * bounds how often a stream of forged tokens can make us call the issuer.
 *
 * <p>Nimbus has its own rate limiter, but it lets two fetches through per interval and sits above the outage
 * tolerance, so a refused fetch would surface as an error instead of the last good set. This one sits below the
 * outage tolerance: a refused fetch counts as a failed one, and {@code OutageTolerantJWKSetSource} answers with the
 * last good set.
 */
final class CooldownJWKSetSource extends JWKSetSourceWrapper<SecurityContext> {

    private static final Logger LOG = Logger.getLogger(CooldownJWKSetSource.class.getName());

    /** A fetch was refused because the previous one was too recent. */
    static final class CoolingDownException extends JWKSetUnavailableException {
        CoolingDownException() {
            super("JWK set fetched too recently");
        }
    }

    private final String location;
    private final long cooldownMillis;
    private final long ttlMillis;
    private long nextFetchAllowed = Long.MIN_VALUE;
    /** When the last good set was fetched; {@code Long.MIN_VALUE} before the first. */
    private long lastSuccess = Long.MIN_VALUE;
    private boolean lastFailed;
    private final Supplier<Optional<GateObserver>> observer;

    /**
     * @param location where the set comes from, for the log
     * @param ttl how long the cache above keeps a set: a fetch within it can only be for an unknown {@code kid}
     */
    CooldownJWKSetSource(JWKSetSource<SecurityContext> source, String location, Duration cooldown, Duration ttl) {
        this(source, location, cooldown, ttl, Observations.NONE);
    }

    /** @param observer told of every fetch (not of one the cooldown refuses), with its reason */
    CooldownJWKSetSource(JWKSetSource<SecurityContext> source, String location, Duration cooldown, Duration ttl,
                         Supplier<Optional<GateObserver>> observer) {
        super(source);
        this.observer = Objects.requireNonNull(observer, "observer");
        this.location = Objects.requireNonNull(location, "location");
        this.cooldownMillis = cooldown.toMillis();
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        String reason;
        String reported;
        synchronized (this) {
            if (currentTime < nextFetchAllowed) {
                throw new CoolingDownException();
            }
            nextFetchAllowed = currentTime + cooldownMillis;
            reason = reason(currentTime);
            reported = reported(currentTime);
        }
        JWKSet keys;
        try {
            keys = getSource().getJWKSet(refreshEvaluator, currentTime, context);
        } catch (KeySourceException | RuntimeException e) {
            synchronized (this) {
                lastFailed = true;
            }
            Observations.jwksFetched(observer, reported, false);
            LOG.fine(() -> "Tollgate gate: fetching the JWK set from " + location + " (" + reason + ") failed: "
                    + e.getClass().getSimpleName() + "; the last good set, if any, stays in use");
            throw e;
        }
        synchronized (this) {
            lastSuccess = currentTime;
            lastFailed = false;
        }
        Observations.jwksFetched(observer, reported, true);
        LOG.fine(() -> "Tollgate gate: fetched the JWK set from " + location + " (" + reason + "): kids "
                + keys.getKeys().stream().map(JWK::getKeyID).map(String::valueOf).toList());
        return keys;
    }

    /** The reason as {@link GateObserver#jwksFetched} names it: a bounded set, for a metric's label. */
    private String reported(long now) {
        if (lastFailed) {
            return GateObserver.JWKS_RETRY;
        }
        if (lastSuccess == Long.MIN_VALUE) {
            return GateObserver.JWKS_START;
        }
        return now - lastSuccess >= ttlMillis ? GateObserver.JWKS_TTL_EXPIRED : GateObserver.JWKS_UNKNOWN_KID;
    }

    /** Why the cache above asks: Nimbus passes the same evaluator for a TTL expiry and for an unknown kid. */
    private String reason(long now) {
        if (lastSuccess == Long.MIN_VALUE) {
            return lastFailed ? "retry: no set fetched yet" : "start";
        }
        if (lastFailed) {
            return "retry after a failed fetch";
        }
        return now - lastSuccess >= ttlMillis ? "cache TTL expired" : "unknown kid";
    }
}
