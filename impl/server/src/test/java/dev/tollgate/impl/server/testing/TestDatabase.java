package dev.tollgate.impl.server.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import dev.tollgate.impl.server.store.SchemaMigrations;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database with the real Flyway migrations applied: an in-memory H2 database, or a new schema
 * {@code t_<random>} in PostgreSQL that {@link #close()} drops.
 *
 * <p>PostgreSQL is at {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres} unless the system
 * properties (or environment variables) {@code tollgate.test.postgres.url|user|password} say otherwise. When it is
 * unreachable, the test <b>fails</b> if {@code CI} is {@code true} (system property or environment), and is skipped
 * with a message otherwise.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Engine {
        H2,
        POSTGRESQL
    }

    private final Engine engine;
    private final DataSource dataSource;
    private final String schema;

    private TestDatabase(Engine engine, DataSource dataSource, String schema) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.schema = schema;
    }

    public static TestDatabase open(Engine engine) {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return switch (engine) {
            case H2 -> h2(name);
            case POSTGRESQL -> postgresql(name);
        };
    }

    private static TestDatabase h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        migrate(dataSource, null);
        return new TestDatabase(Engine.H2, dataSource, null);
    }

    private static TestDatabase postgresql(String schema) {
        String url = setting("tollgate.test.postgres.url").orElse("jdbc:postgresql://127.0.0.1:5432/test");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(setting("tollgate.test.postgres.user").orElse("postgres"));
        dataSource.setPassword(setting("tollgate.test.postgres.password").orElse(""));
        dataSource.setLoginTimeout(5);
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            String message = "PostgreSQL at " + url + " is unreachable (" + e.getMessage() + ")";
            if (isCi()) {
                throw new AssertionError(message + ". CI=true, so the PostgreSQL tests fail instead of skipping.", e);
            }
            Assumptions.abort(message + ": skipping the PostgreSQL tests. Start PostgreSQL, or set CI=true to make"
                    + " this a failure.");
        }
        dataSource.setCurrentSchema(schema);
        migrate(dataSource, schema);
        return new TestDatabase(Engine.POSTGRESQL, dataSource, schema);
    }

    private static void migrate(DataSource dataSource, String schema) {
        var configuration = SchemaMigrations.configure(dataSource);
        if (schema != null) {
            configuration.schemas(schema).createSchemas(true);
        }
        configuration.load().migrate();
    }

    public Engine engine() {
        return engine;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Empties every table but Flyway's history, so that each test starts from nothing. Tables are found in the
     * catalog, so later migrations are covered; a table still referenced by another is retried after it.
     */
    public void clear() {
        try (Connection connection = dataSource.getConnection()) {
            List<String> remaining = new ArrayList<>();
            try (ResultSet tables = connection.getMetaData().getTables(null, schema == null ? "PUBLIC" : schema, "%",
                    new String[] {"TABLE"})) {
                while (tables.next()) {
                    String table = tables.getString("TABLE_NAME");
                    if (!table.equalsIgnoreCase("flyway_schema_history")) {
                        remaining.add(table);
                    }
                }
            }
            for (int pass = 0; !remaining.isEmpty(); pass++) {
                List<String> failed = new ArrayList<>();
                SQLException last = null;
                for (String table : remaining) {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("DELETE FROM " + table);
                    } catch (SQLException e) {
                        failed.add(table);
                        last = e;
                    }
                }
                if (pass > remaining.size()) {
                    throw new IllegalStateException("cannot empty the tables " + failed, last);
                }
                remaining = failed;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the test database", e);
        }
    }

    @Override
    public void close() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (engine == Engine.H2) {
                statement.execute("SHUTDOWN");
            } else {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database", e);
        }
    }

    static boolean isCi() {
        return "true".equalsIgnoreCase(Optional.ofNullable(System.getProperty("CI")).orElse(System.getenv("CI")));
    }

    private static Optional<String> setting(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.replace('.', '_').toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
