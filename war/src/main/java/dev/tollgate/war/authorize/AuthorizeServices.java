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
import jakarta.servlet.http.HttpServletRequest;

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
        return beans.server().accountLockout();
    }

    UserStore users() {
        return beans.server().users();
    }

    ClientStore clients() {
        return beans.server().clients();
    }

    /** The configured issuer, else this request's base URL. */
    Issuer issuer(HttpServletRequest request) {
        return Issuer.resolve(beans.server().settings().tokens().issuer(), request.getScheme(),
                request.getServerName(), request.getServerPort());
    }
}
