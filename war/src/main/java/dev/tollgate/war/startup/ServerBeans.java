package dev.tollgate.war.startup;

import dev.tollgate.api.Caller;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.throttle.AccountLockout;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.Optional;
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

    private final StartupState startup = new StartupState(Clock.systemUTC());

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

    /** Where this node's start-up stands: until it has completed, nothing that needs the database is served. */
    public StartupState startup() {
        return startup;
    }

    // The gate's beans refuse to answer until the start-up has completed, and the gate then answers 503 (it never
    // admits a request whose check could not run): no plain credentials checked against a user store whose
    // bootstrap administrator is not yet created, no token accepted before the deny-list can be read.

    @Produces
    PlainCredentialVerifier plainCredentialVerifier() {
        return new StartedPlainCredentialVerifier(server().plainCredentialVerifier(), startup);
    }

    @Produces
    RevocationChecker revocationChecker() {
        return new StartedRevocationChecker(server().revocationChecker(), startup);
    }

    @Produces
    LocalIssuer localIssuer() {
        return new StartedLocalIssuer(server().localIssuer(), startup);
    }

    @Produces
    AccountLockout accountLockout() {
        return server().accountLockout();
    }

    /** The user store's check, once the start-up has completed (named: the gate logs the bean it uses). */
    record StartedPlainCredentialVerifier(PlainCredentialVerifier verifier, StartupState startup)
            implements PlainCredentialVerifier {

        @Override
        public Optional<Caller> verify(String email, char[] password) {
            startup.requireStarted();
            return verifier.verify(email, password);
        }
    }

    /** The deny-list and account checks, once the start-up has completed. */
    record StartedRevocationChecker(RevocationChecker checker, StartupState startup) implements RevocationChecker {

        @Override
        public boolean isRevoked(String tokenId, Caller caller) {
            startup.requireStarted();
            return checker.isRevoked(tokenId, caller);
        }
    }
}
