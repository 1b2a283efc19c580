package dev.tollgate.impl.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OAuth 2.0 error response (RFC 6749 §5.2), also the error body of RFC 6750, RFC 7009, RFC 7662, RFC 7591 and
 * RFC 8707. {@code error_uri} is not modelled: Tollgate never sends it, and a client has no use for it.
 *
 * @param error            {@code error} (REQUIRED): the error code
 * @param errorDescription {@code error_description} (OPTIONAL): text for the developer; a server may echo in it
 *                         what it was sent, so it is never logged as trusted
 */
@Schema(name = "OAuthErrorResponse", requiredProperties = "error", description = """
        The OAuth 2.0 error response (RFC 6749 §5.2), also used for the errors of RFC 6750 (Bearer), RFC 7009, \
        RFC 7662, RFC 7591 and RFC 8707. Sent with `Cache-Control: no-store`.""")
public record ErrorResponse(
        @Schema(name = "error", description = """
                The error code: `invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, \
                `unsupported_grant_type`, `invalid_scope`, `invalid_target`, `access_denied`, `invalid_token`, \
                `insufficient_scope`, `invalid_redirect_uri`, `invalid_client_metadata` or \
                `temporarily_unavailable`; each response says which ones it may carry.""", examples = "invalid_grant")
        String error,
        @Schema(name = "error_description", implementation = String.class, nullable = false,
                description = "Human-readable detail for the developer; never a secret.",
                examples = "the authorization code is invalid or has expired")
        Optional<String> errorDescription) {

    public ErrorResponse {
        if (Objects.requireNonNull(error, "error").isEmpty()) {
            throw new IllegalArgumentException("error is empty");
        }
        Objects.requireNonNull(errorDescription, "errorDescription");
        errorDescription = errorDescription.filter(description -> !description.isEmpty());
    }

    /** @throws MessageParseException not a JSON object, no {@code error}, or a member of the wrong type */
    public static ErrorResponse parse(String json) throws MessageParseException {
        return parse(JsonMembers.parse("error response", json));
    }

    /** @throws MessageParseException no {@code error}, or a member of the wrong type */
    public static ErrorResponse parse(Map<String, Object> json) throws MessageParseException {
        return parse(JsonMembers.of("error response", json));
    }

    private static ErrorResponse parse(JsonMembers json) throws MessageParseException {
        return new ErrorResponse(json.requiredString("error"), json.string("error_description"));
    }

    public Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", error);
        errorDescription.ifPresent(description -> json.put("error_description", description));
        return json;
    }

    public String toJson() {
        return JsonMembers.toJson(toJsonObject());
    }
}
