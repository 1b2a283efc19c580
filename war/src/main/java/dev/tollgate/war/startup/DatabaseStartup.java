package dev.tollgate.war.startup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the start-up steps, and when the database cannot be reached, keeps trying in the background instead of
 * failing the deployment: the node is up (liveness UP, the database-free endpoints served), not ready (readiness
 * DOWN with the reason), and answers 503 with {@code Retry-After} on everything that needs the database, until an
 * attempt succeeds. Any other failure (a failed migration, a signing key that cannot be decrypted) fails the
 * deployment when it happens on the first attempt, and leaves the node {@link StartupState.Phase#FAILED} (never
 * serving) when it happens on a later one.
 *
 * <p>The log gets one line per change of state: WARNING when it starts waiting, INFO when it has started, SEVERE
 * when it failed; each retry only at FINE. The lines name the SQL state and exception class, never a message (a
 * driver's message may echo a URL). Plain Java, tested without a container.
 */
final class DatabaseStartup {

    private static final Logger LOG = Logger.getLogger(DatabaseStartup.class.getName());

    private final Runnable steps;
    private final StartupState state;
    private final StartupRetry retry;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private Instant waitingSince;

    /**
     * @param steps    the start-up, safe to run again after a partial failure (every step is idempotent: Flyway,
     *                 the bootstrap administrator, the declared clients' upsert, the signing keys' load)
     * @param executor where the retries run; shut down by the caller when the application stops
     */
    DatabaseStartup(Runnable steps, StartupState state, StartupRetry retry, ScheduledExecutorService executor,
                    Clock clock) {
        this.steps = Objects.requireNonNull(steps, "steps");
        this.state = Objects.requireNonNull(state, "state");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The first attempt, on the caller's thread.
     *
     * @throws RuntimeException the failure, when it is not an unreachable database: the deployment must fail
     */
    void begin() {
        try {
            attempt();
        } catch (RuntimeException e) {
            if (!DatabaseFailures.unreachable(e)) {
                state.enter(StartupState.Phase.FAILED);
                throw e;
            }
            waitingSince = clock.instant();
            state.enter(StartupState.Phase.WAITING_FOR_DATABASE);
            LOG.warning("Tollgate waits for the database (" + DatabaseFailures.describe(e) + "): it tries again in"
                    + " the background, every " + retry.first().toSeconds() + " s growing to every "
                    + retry.max().toSeconds() + " s (" + StartupRetry.MAX_KEY + "); until then /health/ready is DOWN"
                    + " and requests that need the database get 503 with Retry-After.");
            schedule(retry.first());
        }
    }

    private void attempt() {
        state.attempted();
        steps.run();
        state.enter(StartupState.Phase.STARTED);
    }

    private void schedule(Duration delay) {
        executor.schedule(() -> retry(delay), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry(Duration delay) {
        try {
            attempt();
            Duration waited = Duration.between(waitingSince, clock.instant());
            LOG.info("Tollgate started: the database answered after " + state.attempts() + " attempts in "
                    + waited.toMillis() / 1000.0 + " s; /health/ready is UP.");
        } catch (RuntimeException e) {
            if (DatabaseFailures.unreachable(e)) {
                Duration next = retry.after(delay);
                LOG.log(Level.FINE, () -> "Tollgate start-up attempt " + state.attempts() + " failed ("
                        + DatabaseFailures.describe(e) + "); next in " + next.toMillis() + " ms");
                schedule(next);
            } else {
                state.enter(StartupState.Phase.FAILED);
                LOG.log(Level.SEVERE, "Tollgate cannot start: " + e.getMessage() + ". The node stays out of service"
                        + " (readiness DOWN, 503) until it is fixed and restarted.", e);
            }
        } catch (Error e) {
            state.enter(StartupState.Phase.FAILED);
            LOG.log(Level.SEVERE, "Tollgate cannot start", e);
            throw e;
        }
    }
}
