package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.authorize.AuthorizationCodeStore;
import dev.tollgate.impl.server.authorize.CodeReplay;
import dev.tollgate.impl.server.authorize.PkceVerifier;
import dev.tollgate.impl.server.authorize.Scopes;
import dev.tollgate.impl.server.authorize.StoredCode;
import dev.tollgate.impl.server.protocol.TokenRequest;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The authorization code grant's token request (RFC 6749 §4.1.3, PKCE S256 per RFC 7636 §4.5-4.6). Its rules, in
 * the order they are checked:
 *
 * <ol>
 *   <li>{@code code} and {@code code_verifier} are REQUIRED (every code has an S256 challenge): else
 *       {@code invalid_request}.</li>
 *   <li>The code must be known and unused, unexpired, issued to the authenticated client (a confidential client by
 *       its secret, a public client only naming itself) and for the same {@code redirect_uri} (§4.1.3: REQUIRED and
 *       equal when the authorization request had one; if sent otherwise, still the one the code was issued for).
 *       </li>
 *   <li>The {@code code_verifier} must match the code's challenge (RFC 7636 §4.6).</li>
 *   <li>The user must still exist and be enabled.</li>
 *   <li>The code is used up by the store's compare-and-set ({@code UPDATE ... WHERE used_at IS NULL}): of two
 *       parallel exchanges of one code, on any nodes, one succeeds.</li>
 * </ol>
 * Every refusal but the first is {@code invalid_grant}.
 *
 * <p><b>Replay.</b> A code presented again after its exchange is a replay (§4.1.2: the server "SHOULD revoke (when
 * possible) all tokens previously issued based on that authorization code"; RFC 9700 §4.2.4). When the presenter
 * proves to be the code's client (the authenticated client, and the {@code code_verifier} matches), the
 * {@link CodeReplay.Handler} is told, once per code, so that it revokes the tokens issued from it: the refresh
 * tokens issued here carry the code's family id, and the access token is recorded with the code as it is issued.
 * Anyone else gets {@code invalid_grant} and revokes nothing.
 *
 * <p>With {@code openid} in the code's scope, the response carries an ID Token with the authorization request's
 * {@code nonce} and the login's {@code auth_time} (OpenID Connect Core §3.1.3.3).
 */
public final class AuthorizationCodeGrant {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeGrant.class.getName());

    /**
     * What a redeemed code grants.
     *
     * @param subject  the user (normalized email): the {@code sub} of the tokens
     * @param roles    the user's current roles, for the access token's {@code roles}
     * @param nonce    the OpenID Connect nonce of the authorization request, for the {@code id_token}
     * @param authTime when the user logged in ({@code auth_time} of the {@code id_token})
     * @param familyId the refresh-token family id of the tokens issued now, so that a replay of this code can revoke
     *                 them ({@link CodeReplay#familyId()})
     */
    record RedeemedCode(ClientId clientId, String subject, Scopes scope, Set<String> roles, Optional<String> nonce,
                        Instant authTime, String familyId) {

        RedeemedCode {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(scope, "scope");
            roles = Set.copyOf(roles);
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(authTime, "authTime");
            Objects.requireNonNull(familyId, "familyId");
        }
    }

    private final AuthorizationCodeStore codes;
    private final UserStore users;
    private final CodeReplay.Handler replayHandler;
    private final GrantTokenIssuer tokens;
    private final Clock clock;

    /** @param replayHandler revokes the tokens of a replayed code */
    public AuthorizationCodeGrant(AuthorizationCodeStore codes, UserStore users, CodeReplay.Handler replayHandler,
                                  GrantTokenIssuer tokens, Clock clock) {
        this.codes = Objects.requireNonNull(codes, "codes");
        this.users = Objects.requireNonNull(users, "users");
        this.replayHandler = Objects.requireNonNull(replayHandler, "replayHandler");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws OAuthException unauthorized_client, invalid_grant, invalid_request */
    public TokenResponse handle(GrantContext context, TokenRequest.AuthorizationCode request) {
        Client client = context.client();
        if (!client.allowsGrant(request.grantType())) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "the client may not use the authorization_code grant");
        }
        RedeemedCode code = redeem(client.id(), request.code(), request.redirectUri(), request.codeVerifier(),
                context.dpopKey());
        return tokens.forUser(context, code.subject(), code.scope().tokens(), code.roles(),
                Optional.of(code.familyId()),
                new GrantTokenIssuer.Authentication(Optional.of(code.authTime()), code.nonce()),
                access -> recordAccessToken(code.familyId(), access.jti(), access.expiresAt()));
    }

    /**
     * Checks the code against the authenticated client, the redirect URI and the code verifier, and uses it up.
     *
     * @param clientId     the authenticated client
     * @param code         {@code code} (REQUIRED)
     * @param redirectUri  {@code redirect_uri}, if sent
     * @param codeVerifier {@code code_verifier} (REQUIRED)
     * @throws OAuthException {@code invalid_request} or {@code invalid_grant}
     */
    RedeemedCode redeem(ClientId clientId, String code, Optional<String> redirectUri, String codeVerifier) {
        return redeem(clientId, code, redirectUri, codeVerifier, Optional.empty());
    }

    /**
     * As {@link #redeem(ClientId, String, Optional, String)}, with the key of the request's DPoP proof, which must be
     * the authorization request's {@code dpop_jkt} when it had one (RFC 9449 §10); else {@code invalid_dpop_proof},
     * and the code stays unused.
     */
    RedeemedCode redeem(ClientId clientId, String code, Optional<String> redirectUri, String codeVerifier,
                        Optional<String> dpopKey) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        if (code == null || code.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "code is missing");
        }
        if (codeVerifier == null || codeVerifier.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "code_verifier is missing");
        }
        SecretHash hash = SecretHash.of(code);
        StoredCode stored = codes.find(hash).orElseThrow(() -> invalidGrant("The authorization code is not valid"));
        if (stored.usedAt().isPresent()) {
            // Revoke only for the code's own client, proven as it was for the exchange: authenticated, and holding
            // the verifier (RFC 7636 §4.6). Else anyone who saw a used code, with a public client's client_id,
            // could revoke that client's tokens.
            if (stored.clientId().equals(clientId) && PkceVerifier.matches(codeVerifier, stored.codeChallenge())) {
                throw replayed(stored);
            }
            throw invalidGrant("The authorization code has already been used");
        }
        Instant now = clock.instant();
        if (!now.isBefore(stored.expiresAt())) {
            throw invalidGrant("The authorization code has expired");
        }
        if (!stored.clientId().equals(clientId)) {
            throw invalidGrant("The authorization code was issued to another client");
        }
        if (redirectUri.isPresent() ? !redirectUri.get().equals(stored.redirectUri()) : stored.redirectUriRequired()) {
            throw invalidGrant("redirect_uri does not match the authorization request");
        }
        if (!PkceVerifier.matches(codeVerifier, stored.codeChallenge())) {
            throw invalidGrant("code_verifier does not match the code_challenge");
        }
        // RFC 9449 §10: the code is bound to the key named by dpop_jkt
        if (stored.dpopJkt().isPresent() && !stored.dpopJkt().equals(dpopKey)) {
            throw new OAuthException(OAuthError.INVALID_DPOP_PROOF, dpopKey.isEmpty()
                    ? "the authorization request named a DPoP key (dpop_jkt): a DPoP proof of it is required"
                    : "the DPoP proof's key is not the authorization request's dpop_jkt");
        }
        User user = users.findBySubject(stored.subject()).filter(User::enabled)
                .orElseThrow(() -> invalidGrant("The user is no longer active"));
        if (!codes.markUsed(hash, now)) {
            throw replayed(stored); // lost the race to a parallel exchange
        }
        return new RedeemedCode(stored.clientId(), user.subject(), stored.scope(), user.roles(), stored.nonce(),
                stored.authTime(), stored.familyId());
    }

    /**
     * Records the access token issued from the code of {@code familyId}, so that a replay of the code puts it on
     * the deny-list; {@link #handle} calls it as the token is issued, before the response is built.
     *
     * <p>If the code was replayed in the meantime (a parallel request lost the race and already ran the handler
     * before these tokens existed), the handler runs again now, so that they are revoked too.
     *
     * @return false when the code was replayed meanwhile and the tokens just issued have been revoked
     */
    boolean recordAccessToken(String familyId, String jti, Instant expiresAt) {
        codes.recordAccessToken(familyId, jti, expiresAt);
        if (!codes.isReplayed(familyId)) {
            return true;
        }
        StoredCode stored = codes.findByFamily(familyId).orElseThrow();
        replayHandler.codeReplayed(new CodeReplay(familyId, stored.clientId(), stored.subject(),
                codes.accessToken(familyId)));
        return false;
    }

    private OAuthException replayed(StoredCode stored) {
        if (codes.markReplayed(stored.codeHash(), clock.instant())) {
            LOG.warning(() -> "Authorization code of client " + stored.clientId() + " presented again after use;"
                    + " revoking the tokens of family " + stored.familyId());
            try {
                replayHandler.codeReplayed(new CodeReplay(stored.familyId(), stored.clientId(), stored.subject(),
                        codes.accessToken(stored.familyId())));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Could not revoke the tokens of replayed code family " + stored.familyId(), e);
            }
        }
        return invalidGrant("The authorization code has already been used");
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(OAuthError.INVALID_GRANT, description);
    }
}
