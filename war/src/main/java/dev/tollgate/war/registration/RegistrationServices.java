package dev.tollgate.war.registration;

import dev.tollgate.impl.server.caller.ClientOwners;
import dev.tollgate.impl.server.registration.ClientRegistrationService;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.war.oauth.ProtocolPaths;
import dev.tollgate.war.startup.AuthorizationServer;
import dev.tollgate.war.startup.ServerBeans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * CDI home of client registration (RFC 7591/7592) and the client listing: the parts of the one
 * {@link AuthorizationServer}.
 */
@ApplicationScoped
public class RegistrationServices {

    @Inject
    ServerBeans beans;

    ClientRegistrationService registration() {
        return beans.server().registration();
    }

    ClientStore clients() {
        return beans.server().clients();
    }

    /** The name a client's owner is recorded under. */
    ClientOwners owners() {
        return beans.server().clientOwners();
    }

    /** The registration endpoint's URL: below the configured issuer, never the request's host. */
    String registrationEndpoint() {
        return beans.server().settings().tokens().issuer().value() + ProtocolPaths.REGISTER;
    }
}
