package dev.tollgate.war.account;

import dev.tollgate.impl.server.admin.UserConsents;
import dev.tollgate.war.startup.AuthorizationServer;
import dev.tollgate.war.startup.ServerBeans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** CDI home of the caller's own account resources ({@code /api/me/...}): parts of the one {@link AuthorizationServer}. */
@ApplicationScoped
public class AccountServices {

    @Inject
    ServerBeans beans;

    UserConsents consents() {
        return beans.server().userConsents();
    }
}
