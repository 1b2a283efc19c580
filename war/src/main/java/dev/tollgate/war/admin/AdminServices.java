package dev.tollgate.war.admin;

import dev.tollgate.impl.server.admin.ServiceClients;
import dev.tollgate.impl.server.admin.UserAdministration;
import dev.tollgate.impl.server.registration.RegistrationSettings;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.war.registration.AccountRevocation;
import dev.tollgate.war.registration.RegistrationServices;
import dev.tollgate.war.startup.AuthorizationServerStores;
import dev.tollgate.war.startup.ServerStores;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * CDI home of the admin users API and the service-client API, built once from the stores. A change to an account or
 * a client is passed to {@link AccountRevocation}, so that this node's gate sees it at once.
 */
@ApplicationScoped
public class AdminServices {

    @Inject
    ServerStores serverStores;

    @Inject
    AccountRevocation accountRevocation;

    @Inject
    RegistrationServices registration;

    private UserAdministration users;
    private ServiceClients serviceClients;

    @PostConstruct
    void create() {
        RegistrationSettings settings = registration.settings();
        AuthorizationServerStores stores = serverStores.stores();
        Clock clock = Clock.systemUTC();
        SecretGenerator secrets = new SecretGenerator();
        users = new UserAdministration(stores.users(), new RefreshTokenStore(stores.dataSource(), secrets, clock),
                accountRevocation::invalidate);
        serviceClients = new ServiceClients(stores.clients(), registration.store(), secrets, settings.serviceScopes(),
                settings.secretRotationOverlap(), accountRevocation::invalidate);
    }

    UserAdministration users() {
        return users;
    }

    ServiceClients serviceClients() {
        return serviceClients;
    }
}
