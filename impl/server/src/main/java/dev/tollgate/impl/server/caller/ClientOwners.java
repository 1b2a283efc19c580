package dev.tollgate.impl.server.caller;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import java.util.Objects;
import java.util.Optional;

/**
 * The name under which a client's owner is recorded: the login name (the normalized email) of the user behind the
 * caller, whichever credential they presented. A Bearer token names its user by the opaque subject (the user's id,
 * OpenID Connect Core 1.0 §2), the plain headers by the login name, so the caller's subject alone would record one
 * user under two names. The owner column keeps the login name it always held, so that existing clients keep their
 * owner and the "owner disabled" check keeps using the unique email index.
 */
@FunctionalInterface
public interface ClientOwners {

    /**
     * @param callerSubject a token's {@code sub} or a plain-header caller's login name
     * @return the login name of the user it names; empty when it names no user of this server
     */
    Optional<String> loginNameOf(String callerSubject);

    /**
     * The owner name for a client that {@code caller} creates or manages: the login name of the user behind it, or
     * the caller's own subject for a caller that is no user of this server (a client, a token of another issuer).
     */
    default String ownerName(Caller caller) {
        Optional<String> user = CallerKinds.isUser(caller) ? loginNameOf(caller.subject()) : Optional.empty();
        return user.orElse(caller.subject());
    }

    static ClientOwners of(UserStore users) {
        Objects.requireNonNull(users, "users");
        return subject -> users.findBySubject(subject).map(User::loginName);
    }
}
