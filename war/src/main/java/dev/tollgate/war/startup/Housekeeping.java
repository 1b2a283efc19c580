package dev.tollgate.war.startup;

import dev.tollgate.impl.server.housekeeping.ExpiredRowPurge;
import dev.tollgate.impl.server.housekeeping.HousekeepingSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link ExpiredRowPurge} every {@code tollgate.server.purge-interval} on one daemon thread of this
 * application, stopped with it. Every node of a cluster runs this schedule, and the purge's lease in the database
 * ({@code HousekeepingLease}) lets one of them do the work per interval. The first run waits a random part of the
 * interval, so that nodes started together do not all race for it at once. A plain executor rather than Liberty's managed one: the purge needs no container context
 * (no CDI, no security), and the WAR needs no extra feature.
 */
@ApplicationScoped
public class Housekeeping {

    private ScheduledExecutorService executor;

    /** Starts the schedule (once the schema is migrated); does nothing when the purge is turned off. */
    synchronized void start(ExpiredRowPurge purge, HousekeepingSettings settings) {
        if (!settings.enabled() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tollgate-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        long intervalMillis = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(purge, ThreadLocalRandom.current().nextLong(intervalMillis), intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
