package dev.tollgate.impl.server.protocol;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.impl.protocol.GrantType;
import java.util.Optional;

/**
 * Reads a {@link TokenRequest} from the checked parameters of a token request (form or JSON alike). Client
 * authentication parameters ({@code client_id}, {@code client_secret}) are read separately.
 */
public final class TokenRequestParser {

    private TokenRequestParser() {
    }

    /**
     * @throws RequestParseException invalid_request for a missing or malformed parameter, unsupported_grant_type
     *                               for a grant this server does not know, invalid_scope for a malformed scope
     */
    public static TokenRequest parse(Parameters parameters) throws RequestParseException {
        // grant_type (REQUIRED)
        String grantType = parameters.required("grant_type");
        GrantType grant = GrantType.parse(grantType).orElseThrow(() -> new RequestParseException(
                OAuthError.UNSUPPORTED_GRANT_TYPE, "the grant type is not supported"));
        return switch (grant) {
            case CLIENT_CREDENTIALS -> new TokenRequest.ClientCredentials(
                    // scope (OPTIONAL)
                    ScopeParameter.parse(parameters.optional("scope")),
                    // resource (OPTIONAL, repeatable: RFC 8707 §2)
                    parameters.all("resource"));
            case PASSWORD -> new TokenRequest.Password(
                    // username (REQUIRED)
                    parameters.required("username"),
                    // password (REQUIRED)
                    parameters.required("password"),
                    // scope (OPTIONAL)
                    ScopeParameter.parse(parameters.optional("scope")),
                    parameters.all("resource"));
            case REFRESH_TOKEN -> new TokenRequest.RefreshToken(
                    // refresh_token (REQUIRED)
                    parameters.required("refresh_token"),
                    // scope (OPTIONAL): at most the scope of the original grant
                    ScopeParameter.parse(parameters.optional("scope")));
            case AUTHORIZATION_CODE -> new TokenRequest.AuthorizationCode(
                    // code (REQUIRED)
                    parameters.required("code"),
                    // redirect_uri (REQUIRED if it was in the authorization request)
                    parameters.optional("redirect_uri"),
                    // code_verifier (REQUIRED by this server: PKCE for every client, RFC 7636 §4.5)
                    parameters.required("code_verifier"));
        };
    }

    /** Whether {@code value} is a grant_type this server has never heard of (for tests and metadata). */
    static Optional<GrantType> known(String value) {
        return GrantType.parse(value);
    }
}
