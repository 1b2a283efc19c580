package dev.tollgate.api.error;

import java.net.URI;

/**
 * The reasons behind every RFC 9457 problem response, one stable {@code type} URI each.
 *
 * <p>The URIs are part of the public contract (listed in the README): clients may switch on them. Each reason
 * carries its HTTP status, a short title, and, for the gate's Bearer and DPoP challenges, the error code (RFC 6750
 * §3.1, RFC 9449 §7.1) that goes into {@code WWW-Authenticate}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
public enum ProblemType {
    // --- the gate: authentication (401) and malformed requests (400) ---
    MISSING_CREDENTIALS("missing-credentials", 401, "Authentication required", null),
    MALFORMED_REQUEST("malformed-credentials", 400, "Malformed credentials", OAuthError.INVALID_REQUEST),
    TOKEN_MALFORMED("token-malformed", 401, "Malformed token", OAuthError.INVALID_TOKEN),
    TOKEN_TOO_LARGE("token-too-large", 401, "Token too large", OAuthError.INVALID_TOKEN),
    TOKEN_ALGORITHM("token-algorithm", 401, "Token algorithm not accepted", OAuthError.INVALID_TOKEN),
    TOKEN_SIGNATURE("token-signature", 401, "Invalid token signature", OAuthError.INVALID_TOKEN),
    TOKEN_UNKNOWN_KEY("token-unknown-key", 401, "Token signed with an unknown key", OAuthError.INVALID_TOKEN),
    TOKEN_ISSUER("token-issuer", 401, "Token from an unexpected issuer", OAuthError.INVALID_TOKEN),
    TOKEN_AUDIENCE("token-audience", 401, "Token for another audience", OAuthError.INVALID_TOKEN),
    TOKEN_TYPE("token-type", 401, "Wrong token type", OAuthError.INVALID_TOKEN),
    TOKEN_CLAIMS("token-claims", 401, "Token claims invalid", OAuthError.INVALID_TOKEN),
    TOKEN_EXPIRED("token-expired", 401, "Token expired", OAuthError.INVALID_TOKEN),
    TOKEN_NOT_YET_VALID("token-not-yet-valid", 401, "Token not yet valid", OAuthError.INVALID_TOKEN),
    TOKEN_REVOKED("token-revoked", 401, "Token revoked", OAuthError.INVALID_TOKEN),
    TOKEN_INACTIVE("token-inactive", 401, "Token not active", OAuthError.INVALID_TOKEN),
    /** RFC 9449 §7.2: a DPoP-bound token ({@code cnf.jkt}) presented as a Bearer token. */
    TOKEN_DPOP_BOUND("token-dpop-bound", 401, "DPoP-bound token used as Bearer", OAuthError.INVALID_TOKEN),
    /** A token without {@code cnf.jkt} presented with the DPoP scheme: it is bound to no key the proof could show. */
    TOKEN_NOT_DPOP_BOUND("token-not-dpop-bound", 401, "Token not DPoP-bound", OAuthError.INVALID_TOKEN),
    /** A Bearer token where the gate is configured to admit DPoP-bound tokens only. */
    DPOP_REQUIRED("dpop-required", 401, "DPoP required", OAuthError.INVALID_TOKEN),
    /** RFC 9449 §6.1: the proof's key (its JWK SHA-256 thumbprint) is not the one the token is bound to. */
    DPOP_KEY_BINDING("dpop-key-binding", 401, "DPoP key does not match the token", OAuthError.INVALID_TOKEN),

    // --- the gate: DPoP proofs (RFC 9449 §4.3), 401 with a DPoP challenge and error="invalid_dpop_proof" ---
    DPOP_PROOF_MISSING("dpop-proof-missing", 401, "DPoP proof missing", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_MULTIPLE("dpop-proof-multiple", 401, "More than one DPoP proof", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_TOO_LARGE("dpop-proof-too-large", 401, "DPoP proof too large", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_MALFORMED("dpop-proof-malformed", 401, "Malformed DPoP proof", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_TYPE("dpop-proof-type", 401, "Wrong DPoP proof type", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_ALGORITHM("dpop-proof-algorithm", 401, "DPoP proof algorithm not accepted",
            OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_KEY("dpop-proof-key", 401, "Invalid DPoP proof key", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_SIGNATURE("dpop-proof-signature", 401, "Invalid DPoP proof signature", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_METHOD("dpop-proof-method", 401, "DPoP proof for another method", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_URI("dpop-proof-uri", 401, "DPoP proof for another URI", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_STALE("dpop-proof-stale", 401, "DPoP proof too old", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_FUTURE("dpop-proof-future", 401, "DPoP proof issued in the future", OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_TOKEN_HASH("dpop-proof-token-hash", 401, "DPoP proof for another access token",
            OAuthError.INVALID_DPOP_PROOF),
    DPOP_PROOF_REPLAYED("dpop-proof-replayed", 401, "DPoP proof replayed", OAuthError.INVALID_DPOP_PROOF),
    /** RFC 9449 §9: the proof lacks the gate's current nonce (sent in {@code DPoP-Nonce}), or holds an old one. */
    DPOP_NONCE("dpop-nonce", 401, "DPoP nonce required", OAuthError.USE_DPOP_NONCE),
    INVALID_CREDENTIALS("invalid-credentials", 401, "Invalid credentials", null),
    TOO_MANY_ATTEMPTS("too-many-attempts", 429, "Too many failed attempts", null),
    KEY_SOURCE_UNAVAILABLE("key-source-unavailable", 503, "Token verification unavailable", null),

    // --- authorization (403) ---
    INSUFFICIENT_SCOPE("insufficient-scope", 403, "Insufficient scope", OAuthError.INSUFFICIENT_SCOPE),
    INSUFFICIENT_ROLE("insufficient-role", 403, "Forbidden", OAuthError.INSUFFICIENT_SCOPE),

    // --- general API errors ---
    VALIDATION("validation", 400, "Validation failed", null),
    BAD_REQUEST("bad-request", 400, "Bad request", null),
    NOT_FOUND("not-found", 404, "Not found", null),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed", null),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable", null),
    CONFLICT("conflict", 409, "Conflict", null),
    /** Over a rate limit (client registration); with {@code Retry-After} (RFC 6585 §4). */
    RATE_LIMITED("rate-limited", 429, "Too many requests", null),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large", null),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type", null),
    HTTP_ERROR("http-error", 400, "Request failed", null),
    INTERNAL_ERROR("internal-error", 500, "Internal error", null),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Service unavailable", null);

    /** Every problem type URI starts with this. */
    public static final String BASE_URI = "https://tollgate.dev/problems/";

    private final URI type;
    private final int status;
    private final String title;
    private final OAuthError bearerError;

    ProblemType(String slug, int status, String title, OAuthError bearerError) {
        this.type = URI.create(BASE_URI + slug);
        this.status = status;
        this.title = title;
        this.bearerError = bearerError;
    }

    /** The problem's {@code type} member. */
    public URI type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /**
     * The error code for the {@code WWW-Authenticate} challenge (RFC 6750 §3.1, or RFC 9449 §7.1's
     * {@code invalid_dpop_proof}); null where the challenge has none.
     */
    public OAuthError bearerError() {
        return bearerError;
    }
}
