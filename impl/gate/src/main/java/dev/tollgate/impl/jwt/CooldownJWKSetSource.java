package dev.tollgate.impl.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;

/**
 * Lets at most one fetch of the JWK set through per cooldown. An unknown {@code kid} makes Nimbus refetch the set;
 * this bounds how often a stream of forged tokens can make us call the issuer.
 *
 * <p>Nimbus has its own rate limiter, but it lets two fetches through per interval and sits above the outage
 * tolerance, so a refused fetch would surface as an error instead of the last good set. This one sits below the
 * outage tolerance: a refused fetch counts as a failed one, and {@code OutageTolerantJWKSetSource} answers with the
 * last good set.
 */
final class CooldownJWKSetSource extends JWKSetSourceWrapper<SecurityContext> {

    /** A fetch was refused because the previous one was too recent. */
    static final class CoolingDownException extends JWKSetUnavailableException {
        CoolingDownException() {
            super("JWK set fetched too recently");
        }
    }

    private final long cooldownMillis;
    private long nextFetchAllowed = Long.MIN_VALUE;

    CooldownJWKSetSource(JWKSetSource<SecurityContext> source, Duration cooldown) {
        super(source);
        this.cooldownMillis = cooldown.toMillis();
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        synchronized (this) {
            if (currentTime < nextFetchAllowed) {
                throw new CoolingDownException();
            }
            nextFetchAllowed = currentTime + cooldownMillis;
        }
        return getSource().getJWKSet(refreshEvaluator, currentTime, context);
    }
}
