package dev.tollgate.war.registration;

import dev.tollgate.impl.server.protocol.ServerMetadata;
import dev.tollgate.impl.server.registration.ClientRegistrationService;
import dev.tollgate.impl.server.registration.RegistrationSettings;
import dev.tollgate.impl.server.registration.RegistrationStore;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.token.TokenSettings;
import dev.tollgate.war.startup.AuthorizationServerStores;
import dev.tollgate.war.startup.ServerStores;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;

/** CDI home of client registration (RFC 7591/7592) and the client listing, built once from the stores. */
@ApplicationScoped
public class RegistrationServices {

    @Inject
    ServerStores serverStores;

    private RegistrationSettings settings;
    private TokenSettings tokenSettings;
    private RegistrationStore store;
    private ClientRegistrationService registration;

    @PostConstruct
    void create() {
        settings = serverStores.settings().registration();
        tokenSettings = serverStores.settings().tokens();
        AuthorizationServerStores stores = serverStores.stores();
        store = new RegistrationStore(stores.dataSource(), stores.clients(), Clock.systemUTC());
        registration = new ClientRegistrationService(store, settings, new SecretGenerator());
    }

    ClientRegistrationService registration() {
        return registration;
    }

    public RegistrationStore store() {
        return store;
    }

    UserStore users() {
        return serverStores.stores().users();
    }

    ClientStore clients() {
        return serverStores.stores().clients();
    }

    TokenSettings tokenSettings() {
        return tokenSettings;
    }

    public RegistrationSettings settings() {
        return settings;
    }

    /** The registration endpoint's URL for a request: below the configured issuer, else the request's base. */
    String registrationEndpoint(UriInfo uriInfo) {
        return tokenSettings.issuerFor(uriInfo.getBaseUri()) + ServerMetadata.REGISTER_PATH;
    }
}
