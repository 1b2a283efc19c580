package dev.tollgate.war.startup;

import dev.tollgate.impl.config.ConfigSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs {@link ServerStartup} when the application starts: the CDI event {@code @Initialized(ApplicationScoped)},
 * whose payload in a web application is its {@code ServletContext}.
 *
 * <p>An exception here fails the deployment, which is the intent for an invalid setting, a failed migration or an
 * undecryptable signing key: such a server must not take requests. The cause is logged first at SEVERE (its message
 * names the configuration key and never holds a secret), since containers do not always surface an observer's
 * exception in the main log.
 *
 * <p>A database that cannot be reached is not such a mistake but an outage: the deployment goes on, and
 * {@link DatabaseStartup} tries again in the background until it succeeds (README, "When the database is down").
 */
@ApplicationScoped
public class TollgateStartup {

    private static final Logger LOG = Logger.getLogger(TollgateStartup.class.getName());

    @Inject
    ServerBeans beans;

    @Inject
    Housekeeping housekeeping;

    private ScheduledExecutorService retries;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        try {
            AuthorizationServer server = beans.server();
            ConfigSource config = StartupConfiguration.source();
            StartupRetry retry = StartupRetry.from(config);
            DatabaseStartup startup = new DatabaseStartup(() -> {
                ServerStartup.run(server, StartupConfiguration.source());
                housekeeping.start(server.expiredRowPurge(), server.settings().housekeeping());
            }, beans.startup(), retry, retryExecutor(), Clock.systemUTC());
            startup.begin();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Tollgate cannot start: " + e.getMessage(), e);
            throw e;
        }
    }

    /**
     * One daemon thread for the retries, stopped with the application. It carries the application's class loader,
     * through which MicroProfile Config (the bootstrap administrator's keys) is found; a plain thread, as for
     * {@link Housekeeping}: the start-up needs no container context beyond the DataSource.
     */
    private synchronized ScheduledExecutorService retryExecutor() {
        if (retries == null) {
            ClassLoader application = Thread.currentThread().getContextClassLoader();
            retries = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "tollgate-startup-retry");
                thread.setDaemon(true);
                thread.setContextClassLoader(application);
                return thread;
            });
        }
        return retries;
    }

    @PreDestroy
    synchronized void stop() {
        if (retries != null) {
            retries.shutdownNow();
            retries = null;
        }
    }
}
