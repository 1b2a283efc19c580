package dev.tollgate.it.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Gives the PostgreSQL round of the integration tests an empty schema of its own, run by the build before the
 * server starts: the shared database keeps whatever earlier runs left in other schemas, and this round must not
 * depend on it (nor on migrations another checkout applied).
 *
 * <p>Arguments: JDBC URL (without the schema), user, schema, and the password if there is one.
 *
 * <p>Through the driver's own {@code DataSource}, not {@code DriverManager}: the build runs this class once per
 * round (the PostgreSQL round, the cluster suite), each time in a class loader of its own inside Maven's JVM, and
 * {@code DriverManager} only hands out a driver registered from the caller's loader, which it registers once.
 */
public final class ResetPostgresSchema {

    private ResetPostgresSchema() {
    }

    public static void main(String[] args) throws SQLException {
        String schema = args[2];
        String password = args.length > 3 ? args[3] : "";
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(args[1]);
        dataSource.setPassword(password);
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        }
    }
}
