package dev.tollgate.impl.server.audit;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.server.caller.CallerKinds;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserId;
import dev.tollgate.impl.server.store.UserStore;
import java.util.Optional;
import java.util.function.Function;

/**
 * The actor of an event done by an authenticated caller: a user's id, or a client's id for a client acting for
 * itself. A Bearer token names its user by the id already; the plain headers name the user by the login name (an
 * email), which is looked up, so that one person is one actor whichever credential they presented.
 */
public final class AuditActors {

    private AuditActors() {
    }

    public static Function<Caller, Optional<String>> of(UserStore users) {
        return caller -> {
            if (caller.isAnonymous()) {
                return Optional.empty();
            }
            if (!CallerKinds.isUser(caller)) {
                return caller.clientId().or(() -> Optional.of(caller.subject()));
            }
            if (UserId.parseCanonical(caller.subject()).isPresent()) {
                return Optional.of(caller.subject());
            }
            return users.findBySubject(caller.subject()).map(User::subject);
        };
    }
}
