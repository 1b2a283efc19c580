package dev.tollgate.impl.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    /** The scripts as they sit in the sources, beside the stores. */
    private static final Path FOLDER = Path.of("src/main/resources/dev/tollgate/impl/server/store/migration");

    @Test
    void theIndexNamesExactlyTheScriptsOfTheFolderInVersionOrder() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<String> scripts = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .sorted(Comparator.comparingInt(SchemaMigrationsTest::version)).toList();
            assertEquals(scripts, SchemaMigrations.names());
        }
        assertTrue(SchemaMigrations.names().contains("V1__authorization_server.sql"));
    }

    /** V10 comes after V9: the number between "V" and "__", not the name's letters. */
    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    @Test
    void migratesOnceAndMatchesWhatFileSystemScanningFinds() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        assertEquals(SchemaMigrations.names().size(), SchemaMigrations.migrate(dataSource).migrationsExecuted);

        // Databases migrated before the scripts moved (found by scanning) validate alike: same names, checksums.
        Flyway.configure().dataSource(dataSource).locations("filesystem:" + FOLDER).load().validate();
        assertEquals(0, SchemaMigrations.migrate(dataSource).migrationsExecuted);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM users")) {
            assertTrue(rows.next());
            assertEquals(0, rows.getInt(1));
            statement.execute("SHUTDOWN");
        }
    }
}
