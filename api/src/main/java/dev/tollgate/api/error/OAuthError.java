package dev.tollgate.api.error;

/**
 * The OAuth 2.0 error codes Tollgate sends and understands, with the HTTP status each one is sent with.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591 §3.2.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-7.1">RFC 9449 §7.1</a>
 */
public enum OAuthError {
    INVALID_REQUEST("invalid_request", 400),
    INVALID_CLIENT("invalid_client", 401),
    INVALID_GRANT("invalid_grant", 400),
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    /** RFC 8707 §2: a {@code resource} that is invalid, unknown, or not allowed for the client. */
    INVALID_TARGET("invalid_target", 400),
    ACCESS_DENIED("access_denied", 403),
    UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", 400),
    UNSUPPORTED_TOKEN_TYPE("unsupported_token_type", 400),
    INVALID_TOKEN("invalid_token", 401),
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    INVALID_REDIRECT_URI("invalid_redirect_uri", 400),
    INVALID_CLIENT_METADATA("invalid_client_metadata", 400),
    /**
     * RFC 9449 §5 and §7.1: the DPoP proof is missing or invalid. 400 at the token endpoint; a resource server
     * sends it with 401 in a {@code DPoP} challenge.
     */
    INVALID_DPOP_PROOF("invalid_dpop_proof", 400),
    /** RFC 9449 §8 and §9: the server requires a nonce of its own in the proof; it sends one in {@code DPoP-Nonce}. */
    USE_DPOP_NONCE("use_dpop_nonce", 400),
    SERVER_ERROR("server_error", 500),
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503);

    private final String code;
    private final int status;

    OAuthError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The wire value, e.g. {@code invalid_grant}. */
    public String code() {
        return code;
    }

    /** The HTTP status this error is sent with. */
    public int status() {
        return status;
    }

    /** The error for a wire value, if it is one of ours. */
    public static java.util.Optional<OAuthError> fromCode(String code) {
        for (OAuthError e : values()) {
            if (e.code.equals(code)) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }
}
