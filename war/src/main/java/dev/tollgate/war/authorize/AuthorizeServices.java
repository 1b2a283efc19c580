package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.AuthorizationService;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.token.Issuer;
import dev.tollgate.impl.throttle.AccountLockout;
import dev.tollgate.war.startup.AuthorizationServer;
import dev.tollgate.war.startup.ServerBeans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * CDI home of the authorization, login and consent endpoints' services: the parts of the one
 * {@link AuthorizationServer}.
 */
@ApplicationScoped
public class AuthorizeServices {

    @Inject
    ServerBeans beans;

    AuthorizationService service() {
        return beans.server().authorization();
    }

    AccountLockout lockout() {
        return beans.server().loginLockout();
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
