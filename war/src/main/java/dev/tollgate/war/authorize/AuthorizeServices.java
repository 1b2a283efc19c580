package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.AuthorizationService;
import dev.tollgate.impl.server.authorize.AuthorizeSettings;
import dev.tollgate.impl.server.authorize.PendingAuthorizations;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.token.Issuer;
import dev.tollgate.impl.throttle.AccountLockout;
import dev.tollgate.war.startup.AuthorizationServer;
import dev.tollgate.war.startup.ServerBeans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * CDI home of the authorization, login and consent endpoints' services: the parts of the one
 * {@link AuthorizationServer}, and this node's {@link PendingAuthorizations}.
 */
@ApplicationScoped
public class AuthorizeServices {

    @Inject
    ServerBeans beans;

    private volatile PendingAuthorizations pending;

    AuthorizationService service() {
        return beans.server().authorization();
    }

    /** The pending authorization requests of this node, bounded by {@code tollgate.server.authorize.*}. */
    PendingAuthorizations pending() {
        PendingAuthorizations current = pending;
        if (current == null) {
            synchronized (this) {
                if (pending == null) {
                    AuthorizeSettings settings = beans.server().settings().authorize();
                    pending = new PendingAuthorizations(settings.maxPendingPerAddress(), settings.maxPending(),
                            Clock.systemUTC());
                }
                current = pending;
            }
        }
        return current;
    }

    int maxQueryLength() {
        return beans.server().settings().authorize().maxQueryLength();
    }

    AccountLockout lockout() {
        return beans.server().accountLockout();
    }

    UserStore users() {
        return beans.server().users();
    }

    ClientStore clients() {
        return beans.server().clients();
    }

    /** The configured issuer ({@code tollgate.server.issuer}), never the request's host. */
    Issuer issuer() {
        return beans.server().settings().tokens().issuer();
    }
}
