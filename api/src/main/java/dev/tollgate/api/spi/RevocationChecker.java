package dev.tollgate.api.spi;

import dev.tollgate.api.Caller;

/**
 * Tells the gate whether an otherwise valid token was revoked. Consulted on every request, including those served
 * from the gate's verified-token cache, so an implementation keeps its own short, bounded cache. Plain-header
 * credentials served from the gate's cache are checked too, with a null token id: an implementation that knows
 * disabled accounts refuses their subject.
 *
 * <p>Found as a CDI bean, else through {@link java.util.ServiceLoader}. Without one, nothing is revoked.
 */
public interface RevocationChecker {

    /**
     * @param tokenId the token's {@code jti}, or null if it has none (and for cached plain-header credentials)
     * @param caller who the token speaks for (subject, client)
     */
    boolean isRevoked(String tokenId, Caller caller);
}
