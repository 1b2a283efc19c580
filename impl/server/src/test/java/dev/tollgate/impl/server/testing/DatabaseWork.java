package dev.tollgate.impl.server.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A DataSource that counts the database work done through it: connections taken from it, statements prepared (each
 * is executed once by the stores), and commits and rollbacks. A benchmark's and a test's view of what an operation
 * costs the database; PostgreSQL's own counters say the same from the other side (docs/PERFORMANCE.md).
 */
public final class DatabaseWork {

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger rollbacks = new AtomicInteger();
    private final List<String> statements = new CopyOnWriteArrayList<>();

    /** What one operation cost. */
    public record Cost(int connections, List<String> statements, int commits, int rollbacks) {

        public long reads() {
            return statements.stream().filter(DatabaseWork::isRead).count();
        }

        public long writes() {
            return statements.size() - reads();
        }

        @Override
        public String toString() {
            return connections + " connections, " + reads() + " reads, " + writes() + " writes, " + commits
                    + " commits, " + rollbacks + " rollbacks: " + statements;
        }
    }

    public DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof Connection c) {
                        connections.incrementAndGet();
                        return connection(c);
                    }
                    return result;
                });
    }

    /** Forgets what was counted so far. */
    public void reset() {
        connections.set(0);
        commits.set(0);
        rollbacks.set(0);
        statements.clear();
    }

    /** What was counted since the last {@link #reset}. */
    public Cost cost() {
        return new Cost(connections.get(), List.copyOf(statements), commits.get(), rollbacks.get());
    }

    /** Runs {@code operation} and returns what it cost. */
    public Cost of(Runnable operation) {
        reset();
        operation.run();
        return cost();
    }

    private static boolean isRead(String sql) {
        return sql.stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT");
    }

    private Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement", "prepareCall" -> {
                            if (args != null && args[0] instanceof String sql) {
                                statements.add(sql);
                            }
                        }
                        case "commit" -> commits.incrementAndGet();
                        case "rollback" -> rollbacks.incrementAndGet();
                        default -> {
                        }
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
