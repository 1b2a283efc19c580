package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.protocol.TokenRequest;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RefreshTokenStore.AccessToken;
import dev.tollgate.impl.server.store.RefreshTokenStore.Exchange;
import dev.tollgate.impl.server.store.RefreshTokenStore.Refused;
import dev.tollgate.impl.server.store.RefreshTokenStore.Reused;
import dev.tollgate.impl.server.store.RefreshTokenStore.Rotated;
import dev.tollgate.impl.server.store.RefreshTokenStore.Stored;
import dev.tollgate.impl.server.store.RefreshTokenStore.Successor;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.token.IssuedAccessToken;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The refresh token grant (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): every use returns a new refresh token in
 * the same family, and a refresh token has at most one live successor. Its rules, in the order they are checked:
 *
 * <ol>
 *   <li>The token must be known and bound to this client (§6: "ensure that the refresh token was issued to the
 *       authenticated client"); else {@code invalid_grant}. A token bound to a DPoP key (a public client's,
 *       RFC 9449 §5) needs a proof of that key; else {@code invalid_dpop_proof}, and the token stays unused.</li>
 *   <li>A narrower {@code scope} may be asked for; a wider one is {@code invalid_scope} (§6), and leaves the token
 *       unused.</li>
 *   <li>It must be unexpired. A revoked token is a reuse (below): a branch that died is never used again by its
 *       rightful holder.</li>
 *   <li>The user must still exist and be enabled, else the family is revoked; the new access token carries the
 *       user's current roles.</li>
 *   <li>The store's exchange decides atomically, under a row lock, on every node alike: an unused token is rotated.
 *       A used token is exchanged again only within {@code tollgate.server.refresh-grace-period} after its first
 *       use (a client's parallel refreshes, a lost response), and only while its successor is untouched; that
 *       successor then dies with its access token, so that one branch stays alive. Anything else is a reuse: the
 *       whole family is revoked (RFC 9700 §4.14.2: the server "will revoke the active refresh token"), with the
 *       access tokens issued with it.</li>
 * </ol>
 * An unknown, another client's, revoked, expired or reused token gets one and the same {@code invalid_grant}, so
 * that the client learns nothing more (§5.2).
 */
public final class RefreshTokenGrant {

    private static final Logger LOG = Logger.getLogger(RefreshTokenGrant.class.getName());

    private final UserStore users;
    private final RefreshTokenStore refreshTokens;
    private final GrantTokenIssuer tokens;
    private final Duration gracePeriod;
    private final Clock clock;
    private final AuditTrail audit;

    /** @param gracePeriod how long after its first use a token may still be exchanged (parallel requests) */
    public RefreshTokenGrant(UserStore users, RefreshTokenStore refreshTokens, GrantTokenIssuer tokens,
                             Duration gracePeriod, Clock clock) {
        this(users, refreshTokens, tokens, gracePeriod, clock, AuditTrail.off());
    }

    /** @param audit records {@code refresh-token.reused} */
    public RefreshTokenGrant(UserStore users, RefreshTokenStore refreshTokens, GrantTokenIssuer tokens,
                             Duration gracePeriod, Clock clock, AuditTrail audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.users = Objects.requireNonNull(users, "users");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws OAuthException unauthorized_client, invalid_scope, invalid_grant */
    public TokenResponse handle(GrantContext context, TokenRequest.RefreshToken request) {
        Client client = context.client();
        if (!client.allowsGrant(request.grantType())) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "the client may not use the refresh_token grant");
        }
        Instant now = clock.instant();
        // The whole decision is one transaction on one connection, under the presented token's row lock: the checks
        // below, the user's read, the signature and the rotation's writes (a round trip each, no more).
        Signed signed = new Signed(context, client, request, now);
        Exchange exchange = refreshTokens.exchange(SecretHash.of(request.refreshToken()), now, gracePeriod, signed);
        if (exchange instanceof Reused reuse) {
            throw reused(reuse.presented());
        }
        if (exchange instanceof Refused refused) {
            refreshTokens.revokeFamily(refused.presented().familyId());
            throw invalidToken();
        }
        if (!(exchange instanceof Rotated rotated)) {
            throw invalidToken();
        }
        IssuedAccessToken access = signed.access;
        return new TokenResponse(access.value(), tokens.accessTokenLifetime(client),
                Optional.of(rotated.successor().token()), Optional.of(signed.lifetime), signed.scope);
    }

    /**
     * The grant's part of the exchange, asked under the row lock: rules 1 to 3 on the token as it is now, then the
     * user (rule 4) and the signed access token, which the successor's row records in the same transaction (if the
     * exchange refuses, it is never handed out).
     */
    private final class Signed implements RefreshTokenStore.Rotation {

        private final GrantContext context;
        private final Client client;
        private final TokenRequest.RefreshToken request;
        private final Instant now;
        private Set<String> scope;
        private Duration lifetime;
        private IssuedAccessToken access;

        Signed(GrantContext context, Client client, TokenRequest.RefreshToken request, Instant now) {
            this.context = context;
            this.client = client;
            this.request = request;
            this.now = now;
        }

        @Override
        public void check(Stored presented) {
            if (!presented.clientId().equals(client.id())) {
                throw invalidToken();
            }
            // RFC 9449 §5: a token bound to a DPoP key (a public client's) is refreshed only with a proof of that key
            if (presented.dpopKey().isPresent() && !presented.dpopKey().equals(context.dpopKey())) {
                throw new OAuthException(OAuthError.INVALID_DPOP_PROOF, context.dpopKey().isEmpty()
                        ? "the refresh token is DPoP-bound: a DPoP proof of its key is required"
                        : "the DPoP proof's key is not the one the refresh token is bound to");
            }
            if (request.scope().isPresent() && !presented.scope().containsAll(request.scope().get())) {
                throw new OAuthException(OAuthError.INVALID_SCOPE, "the scope exceeds the scope of the grant");
            }
            if (!now.isBefore(presented.expiresAt())) {
                throw invalidToken();
            }
        }

        @Override
        public Optional<Successor> successor(Stored presented, Connection connection) throws SQLException {
            Optional<User> user = users.findBySubject(connection, presented.subject()).filter(User::enabled);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            scope = request.scope().orElse(presented.scope());
            lifetime = tokens.refreshTokenLifetime(client);
            access = tokens.accessToken(context, user.get().subject(), scope, Optional.of(user.get().roles()));
            return Optional.of(new Successor(scope, lifetime, new AccessToken(access.jti(), access.expiresAt())));
        }
    }

    /** A reuse: the whole family is revoked, with its access tokens, and the request gets invalid_grant. */
    private OAuthException reused(Stored presented) {
        int revoked = refreshTokens.revokeFamily(presented.familyId());
        audit.failure(AuditEventType.REFRESH_TOKEN_REUSED).subject(presented.subject())
                .client(presented.clientId().value()).actor(presented.clientId().value())
                .detail("revoked_tokens", revoked).record();
        if (revoked > 0) {
            String family = presented.familyId();
            LOG.warning(() -> "Refresh token reuse detected for client " + presented.clientId().value()
                    + ": revoked its family (" + revoked + " tokens, family " + family.substring(0, 8) + "...)");
        }
        return invalidToken();
    }

    private static OAuthException invalidToken() {
        return new OAuthException(OAuthError.INVALID_GRANT, "the refresh token is invalid, expired or revoked");
    }
}
