package dev.tollgate.war.metrics;

import dev.tollgate.impl.server.lockout.LockoutObserver;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The server's metrics, kept in Liberty's MicroProfile Metrics (mpMetrics-5.1, scraped at {@code /metrics} in the
 * Prometheus text format; README, "Metrics"). When the feature is not in the server, every recording does nothing:
 * the MicroProfile Metrics API is then not even on the application's class path, so it is touched only through
 * {@link MicroProfileMetrics}, after a class-presence check.
 *
 * <p>No label carries a token, a secret or an email; every label has a bounded set of values (see each method).
 */
public abstract class ServerMetrics {

    private static final Logger LOG = Logger.getLogger(ServerMetrics.class.getName());

    private static final ServerMetrics NONE = new ServerMetrics() {
        @Override
        boolean enabled() {
            return false;
        }

        @Override
        void tokenIssued(String grant, String client, Duration took) {
        }

        @Override
        void tokenRefused(String error, Duration took) {
        }

        @Override
        void gateChecked(String outcome, long nanos) {
        }

        @Override
        void jwksFetched(String reason, String outcome) {
        }

        @Override
        void introspectionCache(boolean hit) {
        }

        @Override
        void tokenCache(boolean hit) {
        }

        @Override
        void lockout(String event) {
        }
    };

    private static volatile ServerMetrics current;

    /** The metrics of this server: MicroProfile Metrics when the feature is there, else nothing. */
    static ServerMetrics current() {
        ServerMetrics metrics = current;
        if (metrics == null) {
            metrics = find();
            current = metrics;
        }
        return metrics;
    }

    private static ServerMetrics find() {
        ClassLoader loader = ServerMetrics.class.getClassLoader();
        try {
            Class.forName("org.eclipse.microprofile.metrics.MetricRegistry", false, loader);
            Class.forName("jakarta.enterprise.inject.spi.CDI", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.info("Tollgate metrics: off (no MicroProfile Metrics feature in the server)");
            return NONE;
        }
        try {
            ServerMetrics metrics = MicroProfileMetrics.create();
            LOG.info("Tollgate metrics: on (MicroProfile Metrics, /metrics)");
            return metrics;
        } catch (RuntimeException | LinkageError e) {
            LOG.warning(() -> "Tollgate metrics: off, the MicroProfile Metrics registry is not available ("
                    + e.getClass().getName() + ")");
            return NONE;
        }
    }

    abstract boolean enabled();

    /**
     * A token issued by the token endpoint.
     *
     * @param grant one of the grant types the server supports, or {@code other}
     * @param client the authenticated client's id: bounded by the clients the server has (declared, and
     *     registered under the registration limits, README "Client registration and listing")
     */
    abstract void tokenIssued(String grant, String client, Duration took);

    /** @param error the RFC 6749 §5.2 {@code error} of a refused token request, from a fixed list, or {@code other} */
    abstract void tokenRefused(String error, Duration took);

    /** @param outcome {@code admitted} or a problem type's slug (a fixed list) */
    abstract void gateChecked(String outcome, long nanos);

    /**
     * @param reason {@code start}, {@code ttl-expired}, {@code unknown-kid} or {@code retry}
     * @param outcome {@code success} or {@code failure}
     */
    abstract void jwksFetched(String reason, String outcome);

    /** Counted with the label {@code result} {@code hit} or {@code miss}. */
    abstract void introspectionCache(boolean hit);

    /** Counted with the label {@code result} {@code hit} or {@code miss}. */
    abstract void tokenCache(boolean hit);

    /** @param event {@code locked} or {@code refused}: never the account or its key */
    abstract void lockout(String event);

    /**
     * What the authorization server's lockout tells of its events: counted as {@code tollgate_lockouts_total}.
     * The metrics are found at the first event, not now (the server starts before CDI has the registry ready).
     */
    public static LockoutObserver lockoutObserver() {
        return event -> current().lockout(event.label());
    }
}
