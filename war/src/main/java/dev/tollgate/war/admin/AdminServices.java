package dev.tollgate.war.admin;

import dev.tollgate.impl.server.admin.ServiceClients;
import dev.tollgate.impl.server.audit.AuditEventStore;
import dev.tollgate.impl.server.admin.UserAdministration;
import dev.tollgate.war.startup.AuthorizationServer;
import dev.tollgate.war.startup.ServerBeans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * CDI home of the admin users API and the service-client API: the parts of the one {@link AuthorizationServer}. A
 * change to an account or a client is passed to the gate's revocation checker, so that this node's gate sees it at
 * once.
 */
@ApplicationScoped
public class AdminServices {

    @Inject
    ServerBeans beans;

    UserAdministration users() {
        return beans.server().userAdministration();
    }

    AuditEventStore auditEvents() {
        return beans.server().auditEvents();
    }

    ServiceClients serviceClients() {
        return beans.server().serviceClients();
    }
}
