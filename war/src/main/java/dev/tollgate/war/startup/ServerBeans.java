package dev.tollgate.war.startup;

import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.throttle.AccountLockout;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * CDI home of this application's one {@link AuthorizationServer}, over the DataSource {@code jdbc/tollgate} (defined
 * by the server, e.g. Liberty's server.xml) and the {@link ServerSettings} read once.
 *
 * <p>Beans it produces for the gate of this WAR, which finds them by type:
 * <ul>
 *   <li>{@link PlainCredentialVerifier}: {@code X-API-Email} / {@code X-API-Password} against the user store;</li>
 *   <li>{@link RevocationChecker}: the access-token deny-list, retired clients and disabled users;</li>
 *   <li>{@link LocalIssuer}: this server's own tokens;</li>
 *   <li>{@link AccountLockout}: the lockout the login page and the password grant use, so that plain-header
 *       failures count towards the same lock.</li>
 * </ul>
 * The producers are {@code @Dependent} and hand out the single instances of the server (thread-safe, no
 * per-request state), so no client proxy is needed for them.
 */
@ApplicationScoped
public class ServerBeans {

    static final String DATASOURCE = "jdbc/tollgate";

    @Resource(lookup = DATASOURCE)
    private DataSource dataSource;

    private volatile AuthorizationServer server;

    /**
     * The server, composed on first use. Built in a method rather than a {@code @PostConstruct}, so that a
     * configuration mistake reaches {@link TollgateStartup} as the {@link ConfigurationException} itself, with the
     * key's name, not wrapped by the container.
     *
     * @throws ConfigurationException naming the key at fault
     */
    public AuthorizationServer server() {
        AuthorizationServer current = server;
        if (current == null) {
            synchronized (this) {
                if (server == null) {
                    server = new AuthorizationServer(dataSource, ServerSettings.from(StartupConfiguration.source(),
                            StartupConfiguration.propertyNames()), Clock.systemUTC());
                }
                current = server;
            }
        }
        return current;
    }

    @Produces
    PlainCredentialVerifier plainCredentialVerifier() {
        return server().plainCredentialVerifier();
    }

    @Produces
    RevocationChecker revocationChecker() {
        return server().revocationChecker();
    }

    @Produces
    LocalIssuer localIssuer() {
        return server().localIssuer();
    }

    @Produces
    AccountLockout accountLockout() {
        return server().accountLockout();
    }
}
