package dev.tollgate.impl.server.authorize;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The authorization code grant's exchange step (RFC 6749 §4.1.3 with PKCE, RFC 7636 §4.5-4.6), for the token
 * endpoint: checks the code against the authenticated client, the redirect URI and the code verifier, and uses it
 * up.
 *
 * <p>The token endpoint authenticates the client first (a confidential client by its secret; a public client only
 * names itself) and passes its id. Every failure is {@code invalid_grant} except a missing
 * {@code code}/{@code code_verifier}, which is {@code invalid_request}. The code is used up atomically
 * ({@code UPDATE ... WHERE used_at IS NULL}): of two parallel exchanges of one code, on any nodes, one succeeds.
 *
 * <p>A code presented again after its exchange is a replay: besides {@code invalid_grant}, the {@link
 * CodeReplay.Handler} is told (once per code) so that it revokes the tokens issued from it, found by
 * {@link Result#familyId()}.
 */
public final class AuthorizationCodeExchange {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeExchange.class.getName());

    /**
     * What the code grants.
     *
     * @param subject     the user (normalized email): the {@code sub} of the tokens
     * @param roles       the user's current roles, for the access token's {@code roles}
     * @param nonce       the OpenID Connect nonce of the authorization request, for the {@code id_token}
     * @param authTime    when the user logged in ({@code auth_time} of the {@code id_token})
     * @param familyId    <b>use it as the refresh-token family id</b> of the tokens issued now, so that a replay of
     *                    this code can revoke them ({@link CodeReplay#familyId()})
     */
    public record Result(ClientId clientId, String subject, Scopes scope, Set<String> roles, Optional<String> nonce,
                         Instant authTime, String familyId) {

        public Result {
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
    private final Function<String, Optional<User>> usersBySubject;
    private final CodeReplay.Handler replayHandler;
    private final Clock clock;

    /**
     * @param usersBySubject e.g. {@code UserStore::findByEmail} (the subject is the normalized email)
     * @param replayHandler  revokes the tokens of a replayed code
     */
    public AuthorizationCodeExchange(AuthorizationCodeStore codes, Function<String, Optional<User>> usersBySubject,
                                     CodeReplay.Handler replayHandler, Clock clock) {
        this.codes = Objects.requireNonNull(codes, "codes");
        this.usersBySubject = Objects.requireNonNull(usersBySubject, "usersBySubject");
        this.replayHandler = Objects.requireNonNull(replayHandler, "replayHandler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param clientId     the authenticated client
     * @param code         {@code code} (REQUIRED)
     * @param redirectUri  {@code redirect_uri}: REQUIRED when the authorization request had one, and then equal to
     *                     it; if sent otherwise, it must still be the one the code was issued for
     * @param codeVerifier {@code code_verifier} (REQUIRED: every code has an S256 challenge)
     * @throws OAuthException {@code invalid_request} or {@code invalid_grant}
     */
    public Result exchange(ClientId clientId, String code, Optional<String> redirectUri, String codeVerifier) {
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
            throw replayed(stored);
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
        User user = usersBySubject.apply(stored.subject()).filter(User::enabled)
                .orElseThrow(() -> invalidGrant("The user is no longer active"));
        if (!codes.markUsed(hash, now)) {
            throw replayed(stored); // lost the race to a parallel exchange
        }
        return new Result(stored.clientId(), stored.subject(), stored.scope(), user.roles(), stored.nonce(),
                stored.authTime(), stored.familyId());
    }

    /** The same, with the client id as sent. */
    public Result exchange(String clientId, String code, Optional<String> redirectUri, String codeVerifier) {
        return exchange(ClientId.parse(clientId).orElseThrow(() -> invalidGrant("Unknown client")), code,
                redirectUri, codeVerifier);
    }

    /**
     * Records the access token the token endpoint issued from the code of {@code familyId}, so that a replay of
     * the code puts it on the deny-list. Call it right after issuing the token response of a successful
     * {@link #exchange}, and again after storing the refresh token.
     *
     * <p>If the code was replayed in the meantime (a parallel request lost the race and already ran the handler
     * before these tokens existed), the handler runs again now, so that they are revoked too.
     *
     * @return false when the code was replayed meanwhile and the tokens just issued have been revoked
     */
    public boolean recordAccessToken(String familyId, String jti, Instant expiresAt) {
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
