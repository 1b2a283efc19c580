package dev.tollgate.api.error;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * An OAuth protocol error, rendered as the RFC 6749 §5.2 JSON {@code {"error", "error_description"}} with
 * {@code Cache-Control: no-store} by the protocol endpoints.
 */
public final class OAuthException extends TollgateException {

    private final OAuthError error;
    /** Set when the client authenticated with HTTP Basic: a 401 must then challenge with {@code Basic}. */
    private final boolean basicChallenge;
    /** Sent as {@code Retry-After} (RFC 9110 §10.2.3) when above 0. */
    private final long retryAfterSeconds;
    /** Sent as {@code DPoP-Nonce} (RFC 9449 §8): the nonce the client must put in its next proof; null for none. */
    private final String dpopNonce;

    public OAuthException(OAuthError error, String description) {
        this(error, description, false);
    }

    public OAuthException(OAuthError error, String description, boolean basicChallenge) {
        this(error, description, basicChallenge, 0);
    }

    private OAuthException(OAuthError error, String description, boolean basicChallenge, long retryAfterSeconds) {
        this(error, description, basicChallenge, retryAfterSeconds, null);
    }

    private OAuthException(OAuthError error, String description, boolean basicChallenge, long retryAfterSeconds,
                           String dpopNonce) {
        super(description, null);
        this.error = Objects.requireNonNull(error, "error");
        this.basicChallenge = basicChallenge;
        this.retryAfterSeconds = retryAfterSeconds;
        this.dpopNonce = dpopNonce;
    }

    /**
     * An error sent with a {@code DPoP-Nonce} header (RFC 9449 §8): {@code use_dpop_nonce}, or any error of a
     * server whose proofs need its nonce, so that the client's next proof can carry it.
     */
    public static OAuthException withDpopNonce(OAuthError error, String description, String dpopNonce) {
        return new OAuthException(error, description, false, 0, Objects.requireNonNull(dpopNonce, "dpopNonce"));
    }

    /**
     * An error that the same request may not repeat before {@code retryAfterSeconds}, sent as {@code Retry-After}:
     * e.g. {@code invalid_grant} for an account locked after repeated wrong passwords.
     *
     * @throws IllegalArgumentException when {@code retryAfterSeconds < 1}
     */
    public static OAuthException retryAfter(OAuthError error, String description, long retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be at least 1");
        }
        return new OAuthException(error, description, false, retryAfterSeconds);
    }

    public OAuthError error() {
        return error;
    }

    /** The {@code error_description}: human-readable, safe to show. */
    public String description() {
        return getMessage();
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }

    /** The nonce to send as {@code DPoP-Nonce}; empty for most errors. */
    public java.util.Optional<String> dpopNonce() {
        return java.util.Optional.ofNullable(dpopNonce);
    }

    /** The seconds to send as {@code Retry-After}; empty for most errors. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds > 0 ? OptionalLong.of(retryAfterSeconds) : OptionalLong.empty();
    }
}
