package dev.tollgate.war.startup;

import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.impl.server.key.SigningKeyStore;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.UserStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * CDI home of the authorization server's stores: one instance of each per application, over the DataSource
 * {@code jdbc/tollgate} (defined by the server, e.g. Liberty's server.xml).
 *
 * <p>Beans it produces, for the endpoints ({@code @Inject UserStore users}) and for the gate:
 * <ul>
 *   <li>{@link UserStore}, {@link ClientStore}, {@link SigningKeyStore};</li>
 *   <li>{@link PlainCredentialVerifier}: the gate of this WAR checks {@code X-API-Email} / {@code X-API-Password}
 *       against the user store through it.</li>
 * </ul>
 * The producers are {@code @Dependent} and hand out the single instances held here (the stores are thread-safe
 * and hold no per-request state), so no client proxy is needed for these final classes.
 */
@ApplicationScoped
public class ServerStores {

    static final String DATASOURCE = "jdbc/tollgate";

    @Resource(lookup = DATASOURCE)
    private DataSource dataSource;

    private ServerSettings settings;
    private AuthorizationServerStores stores;

    @PostConstruct
    void create() {
        settings = ServerSettings.from(StartupConfiguration.source(), StartupConfiguration.propertyNames());
        stores = AuthorizationServerStores.create(dataSource, settings, Clock.systemUTC());
    }

    /** The one reading of the configuration. */
    public ServerSettings settings() {
        return settings;
    }

    public AuthorizationServerStores stores() {
        return stores;
    }

    @Produces
    UserStore users() {
        return stores.users();
    }

    @Produces
    ClientStore clients() {
        return stores.clients();
    }

    @Produces
    SigningKeyStore signingKeys() {
        return stores.signingKeys();
    }

    @Produces
    PlainCredentialVerifier plainCredentialVerifier() {
        return stores.plainCredentialVerifier();
    }
}
