package dev.tollgate.war.health;

import dev.tollgate.war.startup.ServerBeans;
import dev.tollgate.war.startup.StartupState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * This node's health (MicroProfile Health 4.0), for a load balancer and an orchestrator.
 * <ul>
 *   <li><b>Readiness</b> ({@code /health/ready}): the node can serve tokens, so traffic may be sent to it. Three
 *       checks: {@code tollgate-startup}, the start-up has completed (a node started while its database was down
 *       waits for it, with its {@code state} as data); {@code tollgate-database}, the database answers within
 *       {@value #DATABASE_TIMEOUT_SECONDS} s; and {@code tollgate-signing-key}, a signing key is loaded and decrypted
 *       (read afresh from the database when due; kept in memory through an outage).</li>
 *   <li><b>Liveness</b> ({@code /health/live}): the application is running. It does not look at the database: a
 *       database outage must take every node out of rotation, not have them all restarted.</li>
 * </ul>
 * The endpoints are public (as the gate's public paths say), so a failure answers {@code DOWN} and a fixed state at
 * most; its cause goes to the log at FINE, not at every probe as a warning. The database check logs one line when
 * the database stops answering and one when it answers again.
 */
@ApplicationScoped
public class HealthChecks {

    static final int DATABASE_TIMEOUT_SECONDS = 2;

    private static final Logger LOG = Logger.getLogger(HealthChecks.class.getName());

    /** What the database check saw last: a line is logged when it changes, not at every probe. */
    private final AtomicBoolean databaseAnswered = new AtomicBoolean(true);

    @Inject
    ServerBeans beans;

    @Produces
    @Readiness
    HealthCheck startup() {
        return () -> {
            StartupState startup = beans.startup();
            return HealthCheckResponse.named("tollgate-startup").status(startup.started())
                    .withData("state", startup.phase().description()).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            boolean up;
            try (Connection connection = beans.server().dataSource().getConnection()) {
                up = connection.isValid(DATABASE_TIMEOUT_SECONDS);
            } catch (Exception e) {
                LOG.log(Level.FINE, "Readiness: the database does not answer", e);
                up = false;
            }
            if (databaseAnswered.compareAndSet(!up, up)) {
                if (up) {
                    LOG.info("Readiness: the database answers again");
                } else {
                    LOG.warning("Readiness: the database does not answer; this node is not ready until it does");
                }
            }
            return HealthCheckResponse.named("tollgate-database").status(up).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck signingKey() {
        return () -> {
            if (!beans.startup().started()) {
                // Not loaded yet; asking would read the database before the start-up has migrated it.
                return HealthCheckResponse.down("tollgate-signing-key");
            }
            try {
                return HealthCheckResponse.named("tollgate-signing-key").up()
                        .withData("kid", beans.server().signingKeys().signingKey().getKeyID()).build();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Readiness: no signing key", e);
                return HealthCheckResponse.down("tollgate-signing-key");
            }
        };
    }

    @Produces
    @Liveness
    HealthCheck application() {
        return () -> HealthCheckResponse.up("tollgate");
    }
}
