package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.protocol.TokenRequest;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.throttle.AccountLockout;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The resource owner password credentials grant (RFC 6749 §4.3), for first-party clients that are allowed it
 * (public or confidential: the RIPS seed's global clients). The user's roles go into the access token.
 *
 * <p>A wrong password, an unknown user and a disabled account are all the same {@code invalid_grant}, and cost the
 * same (one password hash, see {@link UserStore#verifyPassword}).
 *
 * <p>RFC 6749 §4.3.2: "the authorization server MUST protect the endpoint against brute force attacks". Every
 * password check is reserved with the {@link AccountLockout} that the login page and plain headers share, so failures
 * on any of them count towards one lock. A locked account gets {@code invalid_grant} with {@code Retry-After},
 * whether the account exists or not, and its password is not checked.
 */
public final class PasswordGrant {

    private final UserStore users;
    private final AccountLockout lockout;
    private final GrantTokenIssuer tokens;
    private final AuditTrail audit;

    public PasswordGrant(UserStore users, AccountLockout lockout, GrantTokenIssuer tokens) {
        this(users, lockout, tokens, AuditTrail.off());
    }

    /**
     * @param audit records {@code login.succeeded}, {@code login.failed} and {@code login.locked}; a failure names
     *              no account (see {@link AuditTrail})
     */
    public PasswordGrant(UserStore users, AccountLockout lockout, GrantTokenIssuer tokens, AuditTrail audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.users = Objects.requireNonNull(users, "users");
        this.lockout = Objects.requireNonNull(lockout, "lockout");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** @throws OAuthException unauthorized_client, invalid_scope, invalid_grant (with Retry-After when locked) */
    public TokenResponse handle(GrantContext context, TokenRequest.Password request) {
        Client client = context.client();
        if (!client.allowsGrant(request.grantType())) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "the client may not use the password grant");
        }
        Set<String> scope = ScopePolicy.grant(client, request.scope(), request.resources());
        User user = verify(request.username(), request.password(), context);
        return tokens.forUser(context, user.subject(), scope, user.roles());
    }

    private User verify(String username, String secret, GrantContext context) {
        String clientAddress = context.clientAddress();
        String clientId = context.client().id().value();
        AccountLockout.Reservation reservation = lockout.reserve(username, clientAddress);
        if (!(reservation instanceof AccountLockout.Attempt attempt)) {
            audit.failure(AuditEventType.LOGIN_LOCKED).client(clientId).address(clientAddress)
                    .detail("via", "password-grant").record();
            throw OAuthException.retryAfter(OAuthError.INVALID_GRANT, "the account is temporarily locked after too"
                    + " many failed attempts; try again later", ((AccountLockout.Locked) reservation)
                    .retryAfterSeconds());
        }
        // Closing releases the reservation uncounted when the check throws (the database is down).
        try (attempt) {
            char[] password = secret.toCharArray();
            Optional<User> user;
            try {
                user = users.verifyPassword(username, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            if (user.isEmpty()) {
                attempt.failed();
                audit.failure(AuditEventType.LOGIN_FAILED).client(clientId).address(clientAddress)
                        .detail("via", "password-grant").record();
                throw new OAuthException(OAuthError.INVALID_GRANT,
                        "the username or password is wrong, or the account is disabled");
            }
            attempt.succeeded();
            audit.success(AuditEventType.LOGIN_SUCCEEDED).subject(user.get().subject()).actor(user.get().subject())
                    .client(clientId).address(clientAddress).detail("via", "password-grant").record();
            return user.get();
        }
    }
}
