package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.protocol.TokenRequest;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * The resource owner password credentials grant (RFC 6749 §4.3), for first-party clients that are allowed it
 * (public or confidential: the RIPS seed's global clients). The user's roles go into the access token.
 *
 * <p>A wrong password, an unknown user and a disabled account are all the same {@code invalid_grant}, and cost the
 * same (one password hash, see {@link UserStore#verifyPassword}).
 */
public final class PasswordGrant {

    private final UserStore users;
    private final GrantTokenIssuer tokens;

    public PasswordGrant(UserStore users, GrantTokenIssuer tokens) {
        this.users = Objects.requireNonNull(users, "users");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** @throws OAuthException unauthorized_client, invalid_scope, invalid_grant */
    public TokenResponse handle(GrantContext context, TokenRequest.Password request) {
        Client client = context.client();
        if (!client.allowsGrant(request.grantType())) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "the client may not use the password grant");
        }
        Set<String> scope = ScopePolicy.grant(client, request.scope(), request.resources());
        char[] password = request.password().toCharArray();
        User user;
        try {
            user = users.verifyPassword(request.username(), password).orElseThrow(() -> new OAuthException(
                    OAuthError.INVALID_GRANT, "the username or password is wrong, or the account is disabled"));
        } finally {
            Arrays.fill(password, '\0');
        }
        return tokens.forUser(context, user.subject(), scope, user.roles());
    }
}
