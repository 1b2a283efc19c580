package dev.tollgate.impl.server.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A DataSource that records the statements prepared through it (by their first word: SELECT, UPDATE, INSERT,
 * DELETE), for tests that count the database work of an operation, and that can be made to fail like a database that
 * is down ({@link #down}: getConnection throws SQL state 08001).
 */
public final class CountingDataSource {

    private final DataSource real;
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final DataSource proxy;

    public CountingDataSource(DataSource real) {
        this.real = real;
        this.proxy = (DataSource) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (down.get()) {
                            throw new SQLException("connection refused (test)", "08001");
                        }
                        return connection((Connection) invoke(method, this.real, args));
                    }
                    return invoke(method, this.real, args);
                });
    }

    public DataSource dataSource() {
        return proxy;
    }

    /** While set, every getConnection fails. */
    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** The statements prepared since the last call, by first word, in order; and forgets them. */
    public List<String> take() {
        List<String> taken = List.copyOf(statements);
        statements.clear();
        return taken;
    }

    private Connection connection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                        statements.add(sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT));
                    }
                    return invoke(method, connection, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
