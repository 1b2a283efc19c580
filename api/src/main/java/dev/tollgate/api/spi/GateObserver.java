package dev.tollgate.api.spi;

/**
 * Told the outcome of every request the gate checks, and of the gate's JWK set fetches and token caches, e.g. to
 * count them as metrics. Optional: the gate finds an
 * implementation as a CDI bean, else through {@link java.util.ServiceLoader}, and without one tells nobody. Public
 * paths, which the gate does not check, are not reported.
 *
 * <p>Called on the request's thread, after the check and before the application (or the refusal) runs: an
 * implementation must be fast and must not throw. The outcome carries no credential, token or identity.
 */
public interface GateObserver {

    /** The outcome of a request the gate let through. */
    String ADMITTED = "admitted";

    /**
     * @param outcome {@link #ADMITTED}, or the slug of the refusal's problem type (the last segment of its
     *     {@code type} URI, e.g. {@code token-expired}): a bounded set
     * @param nanos how long the gate's check took (extraction and verification, not the application)
     */
    void checked(String outcome, long nanos);

    /** A JWK set fetch for the first set of an issuer (or a location found by discovery). */
    String JWKS_START = "start";
    /** A JWK set fetch because the cached set's TTL ran out. */
    String JWKS_TTL_EXPIRED = "ttl-expired";
    /** A JWK set fetch because a token named a {@code kid} the cached set does not have. */
    String JWKS_UNKNOWN_KID = "unknown-kid";
    /** A JWK set fetch after a failed one (the last good set, if any, stayed in use). */
    String JWKS_RETRY = "retry";

    /**
     * A fetch of a JWK set from its issuer (one the cooldown refused is not a fetch and is not reported). Called on
     * the thread of the request that needed the keys, at most once per cooldown per set.
     *
     * @param reason {@link #JWKS_START}, {@link #JWKS_TTL_EXPIRED}, {@link #JWKS_UNKNOWN_KID} or {@link #JWKS_RETRY}
     * @param succeeded whether the set was fetched and read
     */
    default void jwksFetched(String reason, boolean succeeded) {
    }

    /**
     * A look-up of an opaque token in the introspection cache ({@code tollgate.gate.token-cache-size}); an expired
     * entry is a miss. Not called when the cache is disabled (size 0).
     */
    default void introspectionCacheLookedUp(boolean hit) {
    }

    /**
     * A look-up of a JWT in the verified-token cache; an expired entry is a miss. Not called when the cache is
     * disabled (size 0).
     */
    default void tokenCacheLookedUp(boolean hit) {
    }
}
