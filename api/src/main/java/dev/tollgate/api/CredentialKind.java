package dev.tollgate.api;

/** How a caller proved who it is. */
public enum CredentialKind {
    /** A Bearer JWT, verified against the issuer's keys. */
    JWT,
    /** An opaque Bearer token, verified by RFC 7662 introspection. */
    OPAQUE_TOKEN,
    /** The plain headers {@code X-API-Email} / {@code X-API-Password}. */
    PLAIN_HEADERS,
    /** No credentials: only seen on public paths or in the gate's optional mode. */
    ANONYMOUS;

    /** The value reported by {@code HttpServletRequest.getAuthType()}. */
    public String authType() {
        return switch (this) {
            case JWT, OPAQUE_TOKEN -> "BEARER";
            case PLAIN_HEADERS -> "X-API-HEADERS";
            case ANONYMOUS -> null;
        };
    }
}
