package dev.tollgate.war.openapi;

import jakarta.json.bind.annotation.JsonbProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: the schema {@code OAuthErrorResponse}, the RFC 6749 §5.2 error body of the OAuth protocol
 * endpoints (token, revoke, introspect, userinfo, registration). Never instantiated; impl's
 * {@code OAuthExceptionMapper} writes these bodies.
 */
@Schema(name = "OAuthErrorResponse", requiredProperties = "error", description = """
        The OAuth 2.0 error response (RFC 6749 §5.2), also used for the errors of RFC 6750 (Bearer), RFC 7009, \
        RFC 7662, RFC 7591 and RFC 8707. Sent with `Cache-Control: no-store`.""")
public record OAuthErrorResponse(
        @Schema(description = """
                The error code: `invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, \
                `unsupported_grant_type`, `invalid_scope`, `invalid_target`, `access_denied`, `invalid_token`, \
                `insufficient_scope`, `invalid_redirect_uri`, `invalid_client_metadata` or \
                `temporarily_unavailable`; each response says which ones it may carry.""", examples = "invalid_grant")
        String error,
        @JsonbProperty("error_description")
        @Schema(description = "Human-readable detail for the developer; never a secret.",
                examples = "the authorization code is invalid or has expired")
        String errorDescription) {
}
