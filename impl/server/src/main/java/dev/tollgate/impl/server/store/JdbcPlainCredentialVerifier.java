package dev.tollgate.impl.server.store;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the plain headers {@code X-API-Email} / {@code X-API-Password} against the {@link UserStore}: the gate of
 * the authorization server's own WAR uses it (found as a CDI bean).
 *
 * <p>A disabled account, an unknown email and a wrong password all give empty, at the same cost. The caller's
 * subject is the normalized email, the name it logged in with (a token's subject is the user's opaque id instead,
 * {@link User#subject()}); its roles are the user's roles, and it has no scopes and no client.
 */
public final class JdbcPlainCredentialVerifier implements PlainCredentialVerifier {

    private final UserStore users;

    public JdbcPlainCredentialVerifier(UserStore users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public Optional<Caller> verify(String email, char[] password) {
        if (password == null) {
            return Optional.empty();
        }
        return users.verifyPassword(email, password)
                .map(user -> Caller.of(user.loginName(), null, Set.of(), user.roles(), CredentialKind.PLAIN_HEADERS,
                        null));
    }
}
