package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.protocol.AuthenticatedRequest;
import dev.tollgate.impl.server.protocol.ClientAuthenticator;
import dev.tollgate.impl.server.protocol.RequestParseException;
import dev.tollgate.impl.server.protocol.TokenRequest;
import dev.tollgate.impl.server.protocol.TokenRequestParser;
import dev.tollgate.impl.server.dpop.DpopProofCheck;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The token endpoint's service (RFC 6749 §3.2), what {@code POST /oauth2/token} calls. In order: read the body
 * (form or JSON) → read and check client authentication → read the {@link TokenRequest} → hand it to its grant's
 * handler. Each failure is an {@link OAuthException} with the §5.2 error to send; a bad request never becomes a
 * 500.
 */
public final class TokenService {

    private static final Set<String> MULTI_VALUED = Set.of("resource");

    private final ClientAuthenticator authenticator;
    private final ClientCredentialsGrant clientCredentials;
    private final PasswordGrant password;
    private final RefreshTokenGrant refreshToken;
    private final Optional<AuthorizationCodeGrant> authorizationCode;
    /** Empty: DPoP is not supported, and a DPoP header is ignored (RFC 9449 §5). */
    private final Optional<DpopProofCheck> dpop;
    private final AuditTrail audit;

    /** Without DPoP and without an audit trail. */
    public TokenService(ClientAuthenticator authenticator, ClientCredentialsGrant clientCredentials,
                        PasswordGrant password, RefreshTokenGrant refreshToken,
                        Optional<AuthorizationCodeGrant> authorizationCode) {
        this(authenticator, clientCredentials, password, refreshToken, authorizationCode, Optional.empty(),
                AuditTrail.off());
    }

    /**
     * @param authorizationCode empty where the authorization endpoint is not deployed: then
     *                          {@code authorization_code} is an unsupported grant type
     * @param audit             records {@code token.issued} for every token issued, when its
     *                          {@linkplain AuditTrail#tokenEvents() token events} are on; when they are off this
     *                          service touches nothing of it, so that the client-credentials grant writes nothing to
     *                          the database
     */
    public TokenService(ClientAuthenticator authenticator, ClientCredentialsGrant clientCredentials,
                         PasswordGrant password, RefreshTokenGrant refreshToken,
                         Optional<AuthorizationCodeGrant> authorizationCode, Optional<DpopProofCheck> dpop,
                         AuditTrail audit) {
        this.dpop = Objects.requireNonNull(dpop, "dpop");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.clientCredentials = Objects.requireNonNull(clientCredentials, "clientCredentials");
        this.password = Objects.requireNonNull(password, "password");
        this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
        this.authorizationCode = Objects.requireNonNull(authorizationCode, "authorizationCode");
    }

    /** The grants this endpoint handles, for the discovery documents. */
    public List<GrantType> supportedGrants() {
        return authorizationCode.isPresent()
                ? List.of(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS, GrantType.PASSWORD,
                        GrantType.REFRESH_TOKEN)
                : List.of(GrantType.CLIENT_CREDENTIALS, GrantType.PASSWORD, GrantType.REFRESH_TOKEN);
    }

    /**
     * A request from an unknown client address (all such requests share one lockout count).
     *
     * @throws OAuthException the error response to send
     */
    public TokenResponse token(String issuer, Optional<String> authorization, String contentType, String body) {
        return token(issuer, authorization, contentType, body, null);
    }

    /**
     * @param issuer        the issuer of this request
     * @param authorization the Authorization header, if any
     * @param contentType   the Content-Type header, if any
     * @param clientAddress the request's remote address, for the password grant's lockout; null when unknown
     * @throws OAuthException the error response to send
     */
    public TokenResponse token(String issuer, Optional<String> authorization, String contentType, String body,
                               String clientAddress) {
        return token(issuer, authorization, contentType, body, clientAddress, List.of(), null);
    }

    /**
     * A request that may carry a DPoP proof (RFC 9449 §5): the proof is checked once the client has authenticated
     * and the request is read (so that nobody unauthenticated makes the server record a proof's jti), the client's
     * {@code dpop_bound_access_tokens} (or the server's {@code tollgate.server.dpop.required}) demands one, and the
     * grant binds its tokens to the proof's key: {@code token_type} is {@code DPoP} and the access token carries
     * {@code cnf.jkt}.
     *
     * @param dpopProofs    the values of the request's {@code DPoP} headers, possibly none
     * @param tokenEndpoint the token endpoint's URL under the issuer: what a proof's {@code htu} must be
     * @throws OAuthException the error response to send
     */
    public TokenResponse token(String issuer, Optional<String> authorization, String contentType, String body,
                               String clientAddress, List<String> dpopProofs, URI tokenEndpoint) {
        // Public clients name themselves with client_id; which grant they may use is checked by its handler.
        AuthenticatedRequest authenticated = authenticator.authenticate(authorization, contentType, body,
                MULTI_VALUED, true);
        TokenRequest request;
        try {
            request = TokenRequestParser.parse(authenticated.parameters());
        } catch (RequestParseException e) {
            throw e.toOAuthException();
        }
        // RFC 9449 §5: the proof, when there is one (a server without DPoP ignores the header)
        Optional<String> dpopKey = dpop.isPresent() && !dpopProofs.isEmpty()
                ? dpop.get().tokenRequest(dpopProofs, tokenEndpoint) : Optional.empty();
        // RFC 9449 §5.2: a client registered with dpop_bound_access_tokens must send a proof with every request
        if (dpopKey.isEmpty() && dpop.isPresent()
                && (authenticated.client().dpopBoundAccessTokens() || dpop.get().settings().required())) {
            throw dpop.get().missing("a DPoP proof is required for this client's token requests");
        }
        GrantContext context = new GrantContext(authenticated.client(), issuer, clientAddress, dpopKey);
        TokenResponse response = grant(context, request);
        if (audit.tokenEvents()) {
            String clientId = context.client().id().value();
            audit.success(AuditEventType.TOKEN_ISSUED).client(clientId).actor(clientId).address(clientAddress)
                    .detail("grant_type", request.grantType().value())
                    .detail("refresh_token", response.refreshToken().isPresent())
                    .detail("dpop", dpopKey.isPresent()).record();
        }
        // RFC 9449 §5: a DPoP-bound access token is of type DPoP
        return dpopKey.isEmpty() ? response : new TokenResponse(response.accessToken(), "DPoP",
                response.expiresIn(), response.refreshToken(), response.refreshExpiresIn(), response.scope(),
                response.idToken());
    }

    private TokenResponse grant(GrantContext context, TokenRequest request) {
        return request.accept(new TokenRequest.Handler<>() {
            @Override
            public TokenResponse clientCredentials(TokenRequest.ClientCredentials r) {
                return clientCredentials.handle(context, r);
            }

            @Override
            public TokenResponse password(TokenRequest.Password r) {
                return password.handle(context, r);
            }

            @Override
            public TokenResponse refreshToken(TokenRequest.RefreshToken r) {
                return refreshToken.handle(context, r);
            }

            @Override
            public TokenResponse authorizationCode(TokenRequest.AuthorizationCode r) {
                return authorizationCode.orElseThrow(() -> new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE,
                        "the grant type is not supported")).handle(context, r);
            }
        });
    }
}
