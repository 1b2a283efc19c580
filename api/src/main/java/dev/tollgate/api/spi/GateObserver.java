package dev.tollgate.api.spi;

/**
 * Told the outcome of every request the gate checks, e.g. to count them as metrics. Optional: the gate finds an
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
}
