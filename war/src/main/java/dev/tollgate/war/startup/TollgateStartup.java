package dev.tollgate.war.startup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs {@link ServerStartup} when the application starts: the CDI event {@code @Initialized(ApplicationScoped)},
 * whose payload in a web application is its {@code ServletContext}. An exception here fails the deployment, which
 * is the intent: a server with an invalid setting, a half-migrated schema or an undecryptable signing key must not
 * take requests. The cause is logged first at SEVERE (its message names the configuration key and never holds a
 * secret), since containers do not always surface an observer's exception in the main log.
 */
@ApplicationScoped
public class TollgateStartup {

    private static final Logger LOG = Logger.getLogger(TollgateStartup.class.getName());

    @Inject
    ServerBeans beans;

    @Inject
    Housekeeping housekeeping;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        try {
            AuthorizationServer server = beans.server();
            ServerStartup.run(server, StartupConfiguration.source());
            housekeeping.start(server.expiredRowPurge(), server.settings().housekeeping());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Tollgate cannot start: " + e.getMessage(), e);
            throw e;
        }
    }
}
