package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.protocol.TokenRequest;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.token.IssuedAccessToken;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The client credentials grant (RFC 6749 §4.4): a confidential client acting for itself. The token's subject is
 * the client id; it has no roles and no refresh token (§4.4.3: "A refresh token SHOULD NOT be included").
 *
 * <p><b>No database write on this path</b>: the client check is one read, the signing key is in memory.
 */
public final class ClientCredentialsGrant {

    private final GrantTokenIssuer tokens;

    public ClientCredentialsGrant(GrantTokenIssuer tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** @throws OAuthException unauthorized_client, invalid_scope */
    public TokenResponse handle(GrantContext context, TokenRequest.ClientCredentials request) {
        Client client = context.client();
        // §4.4: "The client credentials grant type MUST only be used by confidential clients."
        if (!client.confidential() || !client.allowsGrant(request.grantType())) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "the client may not use the client_credentials grant");
        }
        Set<String> scope = ScopePolicy.grant(client, request.scope(), request.resources());
        IssuedAccessToken access = tokens.accessToken(context, client.id().value(), scope, Optional.empty());
        return new TokenResponse(access.value(), tokens.accessTokenLifetime(client), Optional.empty(),
                Optional.empty(), scope);
    }
}
