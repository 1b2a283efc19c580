package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.authorize.AuthorizationService;
import dev.tollgate.impl.server.authorize.AuthorizeSettings;
import dev.tollgate.impl.server.authorize.FlowSeals;
import dev.tollgate.impl.server.authorize.PushedAuthorizationRequests;
import dev.tollgate.impl.server.authorize.UsedAuthorizationRequests;
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
 * {@link AuthorizationServer}, and the {@link FlowSeals} (keys derived from the cluster's key-encryption key, so the
 * same on every node). Nothing here holds a browser's state.
 */
@ApplicationScoped
public class AuthorizeServices {

    @Inject
    ServerBeans beans;

    private volatile FlowSeals seals;

    AuthorizationService service() {
        return beans.server().authorization();
    }

    /** What seals the flow's state into the browser; every node derives the same keys. */
    FlowSeals seals() {
        FlowSeals current = seals;
        if (current == null) {
            synchronized (this) {
                if (seals == null) {
                    seals = new FlowSeals(beans.server().settings().keyEncryptionKey(),
                            settings().loginSessionLifetime(), Clock.systemUTC());
                }
                current = seals;
            }
        }
        return current;
    }

    PushedAuthorizationRequests pushedRequests() {
        return beans.server().pushedRequests();
    }

    UsedAuthorizationRequests usedRequests() {
        return beans.server().usedAuthorizationRequests();
    }

    AuthorizeSettings settings() {
        return beans.server().settings().authorize();
    }

    int maxQueryLength() {
        return beans.server().settings().authorize().maxQueryLength();
    }

    AuditTrail audit() {
        return beans.server().audit();
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
