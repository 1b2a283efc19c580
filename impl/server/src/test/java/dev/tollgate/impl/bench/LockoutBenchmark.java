package dev.tollgate.impl.bench;

import dev.tollgate.impl.server.lockout.DatabaseAccountLockout;
import dev.tollgate.impl.server.testing.TestDatabase;
import dev.tollgate.impl.throttle.AccountLockout;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the lockout costs per password attempt (issue 12), single-threaded, before (the node's memory) and after (the
 * database: embedded H2 in memory, PostgreSQL on loopback), side by side in one run:
 * <ul>
 *   <li>{@code lockedAnswer}: a guess at a locked account, answered without a password check: what an attacker gets
 *       after the first {@code max-failures} guesses;</li>
 *   <li>{@code firstFailure}: a guess at an account never tried before (password spraying): reserve, then failed;</li>
 *   <li>{@code successWithoutFailures}: a user's login: reserve, then succeeded.</li>
 * </ul>
 * The password hash itself (about 0.25 s of CPU) is left out: this is the lockout's own cost. The database is reached
 * through one connection that stays open, as Liberty's pool hands one out (opening a PostgreSQL connection per call
 * would measure the connection set-up instead).
 * Run: {@code ./mvnw -pl impl/server -am test-compile exec:exec -Pbench -Djmh.args="Lockout"} (PostgreSQL at
 * {@code 127.0.0.1:5432/test}, as for the store tests).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LockoutBenchmark {

    private static final String ADDRESS = "192.0.2.1";

    @Param({"memory", "h2", "postgresql"})
    public String store;

    private TestDatabase database;
    private Connection connection;
    private AccountLockout lockout;
    private long sprayed;

    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.systemUTC();
        Duration period = Duration.ofHours(1);
        lockout = switch (store) {
            case "memory" -> AccountLockout.inMemory(5, 50, period, clock);
            case "h2", "postgresql" -> {
                database = TestDatabase.open(store.equals("h2") ? TestDatabase.Engine.H2
                        : TestDatabase.Engine.POSTGRESQL);
                yield new DatabaseAccountLockout(pooled(database.dataSource()), 5, 50, period, clock);
            }
            default -> throw new IllegalArgumentException(store);
        };
        for (int i = 0; i < 5; i++) {
            ((AccountLockout.Attempt) lockout.reserve("locked@example.com", ADDRESS)).failed();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** One physical connection, handed out again and again: what a pool does for a single thread. */
    private DataSource pooled(DataSource real) {
        try {
            connection = real.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Connection kept = (Connection) Proxy.newProxyInstance(LockoutBenchmark.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(LockoutBenchmark.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return kept;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Benchmark
    public AccountLockout.Reservation lockedAnswer() {
        return lockout.reserve("locked@example.com", ADDRESS);
    }

    @Benchmark
    public void firstFailure() {
        ((AccountLockout.Attempt) lockout.reserve("sprayed-" + sprayed++ + "@example.com", ADDRESS)).failed();
    }

    @Benchmark
    public void successWithoutFailures() {
        ((AccountLockout.Attempt) lockout.reserve("alice@example.com", ADDRESS)).succeeded();
    }
}
