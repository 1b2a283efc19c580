package dev.tollgate.war.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.store.StoreException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The start-up waits for an unreachable database in the background, and fails at once for anything else. */
class DatabaseStartupTest {

    private static final StartupRetry FAST = new StartupRetry(Duration.ofMillis(5), Duration.ofMillis(20));

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final StartupState state = new StartupState(Clock.systemUTC());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger logger = Logger.getLogger(DatabaseStartup.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
        logger.setLevel(Level.ALL);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(capture);
        logger.setLevel(null);
        executor.shutdownNow();
    }

    @Test
    void reachableDatabaseStartsAtOnce() {
        AtomicInteger runs = new AtomicInteger();

        new DatabaseStartup(runs::incrementAndGet, state, FAST, executor, Clock.systemUTC()).begin();

        assertTrue(state.started());
        assertEquals(1, runs.get());
        state.requireStarted();
    }

    @Test
    void unreachableDatabaseWaitsThenStartsWithOneLinePerChange() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Runnable steps = () -> {
            if (runs.incrementAndGet() <= 6) {
                throw new StoreException("connect", new SQLException("refused", "08001"));
            }
        };

        new DatabaseStartup(steps, state, FAST, executor, Clock.systemUTC()).begin();

        assertEquals(StartupState.Phase.WAITING_FOR_DATABASE, state.phase());
        StoreException refused = assertThrows(StoreException.class, state::requireStarted);
        assertTrue(refused.getMessage().contains("waiting for the database"), refused.getMessage());
        awaitStarted();
        assertEquals(7, runs.get());
        assertEquals(7, state.attempts());
        assertEquals(1, count(Level.WARNING), "one WARNING when it starts waiting");
        assertEquals(1, count(Level.INFO), "one INFO when it has started");
        assertEquals(5, count(Level.FINE), "each retry at FINE");
        assertEquals(0, count(Level.SEVERE));
    }

    @Test
    void anyOtherFailureOnTheFirstAttemptFailsTheDeployment() {
        ConfigurationException wrongKey = new ConfigurationException("tollgate.keys.encryption-key", "cannot decrypt");

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> new DatabaseStartup(() -> {
            throw wrongKey;
        }, state, FAST, executor, Clock.systemUTC()).begin());

        assertSame(wrongKey, thrown);
        assertEquals(StartupState.Phase.FAILED, state.phase());
        assertThrows(StoreException.class, state::requireStarted);
    }

    @Test
    void anyOtherFailureOnALaterAttemptLeavesTheNodeFailedAndStopsRetrying() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Runnable steps = () -> {
            if (runs.incrementAndGet() == 1) {
                throw new StoreException("connect", new SQLException("refused", "08001"));
            }
            throw new StoreException("migrate", new SQLException("syntax error", "42601"));
        };

        new DatabaseStartup(steps, state, FAST, executor, Clock.systemUTC()).begin();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (state.phase() != StartupState.Phase.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertEquals(StartupState.Phase.FAILED, state.phase());
        Thread.sleep(100);
        assertEquals(2, runs.get(), "no more attempts after a failure that is not an outage");
        assertEquals(1, count(Level.SEVERE));
        assertFalse(state.started());
    }

    @Test
    void backOffDoublesUpToTheMaximum() {
        StartupRetry retry = new StartupRetry(Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertEquals(Duration.ofSeconds(2), retry.after(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(8), retry.after(Duration.ofSeconds(4)));
        assertEquals(Duration.ofSeconds(10), retry.after(Duration.ofSeconds(8)));
        assertEquals(Duration.ofSeconds(10), retry.after(Duration.ofSeconds(10)));
    }

    @Test
    void retryMaximumIsReadAndChecked() {
        assertEquals(StartupRetry.DEFAULT_MAX,
                StartupRetry.from(dev.tollgate.impl.config.ConfigSource.of(java.util.Map.of())).max());
        assertEquals(Duration.ofSeconds(30), StartupRetry.from(dev.tollgate.impl.config.ConfigSource.of(
                java.util.Map.of(StartupRetry.MAX_KEY, "30s"))).max());
        ConfigurationException tooShort = assertThrows(ConfigurationException.class, () -> StartupRetry.from(
                dev.tollgate.impl.config.ConfigSource.of(java.util.Map.of(StartupRetry.MAX_KEY, "500ms"))));
        assertEquals(StartupRetry.MAX_KEY, tooShort.key());
        assertThrows(ConfigurationException.class, () -> StartupRetry.from(
                dev.tollgate.impl.config.ConfigSource.of(java.util.Map.of(StartupRetry.MAX_KEY, "1h"))));
    }

    private void awaitStarted() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!state.started() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(state.started(), "started after the database came back");
        Thread.sleep(20); // the INFO line follows the change of state
    }

    private long count(Level level) {
        synchronized (logged) {
            return logged.stream().filter(record -> record.getLevel() == level).count();
        }
    }
}
