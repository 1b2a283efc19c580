package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.authorize.AuthorizationCodeExchange;
import dev.tollgate.impl.server.protocol.TokenRequest;
import dev.tollgate.impl.server.protocol.TokenResponse;
import dev.tollgate.impl.server.store.Client;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorization code grant's token request (RFC 6749 §4.1.3, PKCE S256 per RFC 7636 §4.5). The code itself
 * (single use, bound to client, redirect URI and challenge; replay detection) is checked by
 * {@link AuthorizationCodeExchange}. The tokens issued here use the code's family id, and the access token is
 * recorded with the exchange, so that a replay of the code revokes both.
 *
 * <p>With {@code openid} in the code's scope, the response carries an ID Token with the authorization request's
 * {@code nonce} and the login's {@code auth_time} (OpenID Connect Core §3.1.3.3).
 */
public final class AuthorizationCodeGrant {

    private final AuthorizationCodeExchange exchange;
    private final GrantTokenIssuer tokens;

    public AuthorizationCodeGrant(AuthorizationCodeExchange exchange, GrantTokenIssuer tokens) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** @throws OAuthException unauthorized_client, invalid_grant, invalid_request */
    public TokenResponse handle(GrantContext context, TokenRequest.AuthorizationCode request) {
        Client client = context.client();
        if (!client.allowsGrant(request.grantType())) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "the client may not use the authorization_code grant");
        }
        AuthorizationCodeExchange.Result result = exchange.exchange(client.id(), request.code(),
                request.redirectUri(), request.codeVerifier());
        return tokens.forUser(context, result.subject(), result.scope().tokens(), result.roles(),
                Optional.of(result.familyId()),
                new GrantTokenIssuer.Authentication(Optional.of(result.authTime()), result.nonce()),
                access -> exchange.recordAccessToken(result.familyId(), access.jti(), access.expiresAt()));
    }
}
