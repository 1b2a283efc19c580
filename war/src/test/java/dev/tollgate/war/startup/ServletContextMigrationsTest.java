package dev.tollgate.war.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.resource.LoadableResource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class ServletContextMigrationsTest {

    /** This module's migration scripts, as a servlet container would list them. */
    private static final Path SCRIPTS = Path.of("src/main/resources/db/migration");

    @Test
    void listsTheWarsScriptsByName() throws IOException {
        ServletContextMigrations scripts = ServletContextMigrations.of(context(SCRIPTS)).orElseThrow();

        assertEquals(fileNames(), scripts.names());
        assertTrue(scripts.names().contains("V1__authorization_server.sql"));
        Set<String> found = new LinkedHashSet<>();
        for (LoadableResource resource : scripts.getResources("V", new String[] {".sql"})) {
            found.add(resource.getFilename());
            assertEquals(resource.getFilename(), resource.getRelativePath());
        }
        assertEquals(Set.copyOf(fileNames()), found);
        assertTrue(scripts.getResources("R", new String[] {".sql"}).isEmpty());
        assertEquals("V1__authorization_server.sql",
                scripts.getResource("V1__authorization_server.sql").getFilename());
        assertNull(scripts.getResource("V99__absent.sql"));
    }

    @Test
    void whenTheContainerListsNothingThenEmpty() {
        assertTrue(ServletContextMigrations.of(context(Path.of("does-not-exist"))).isEmpty());
    }

    @Test
    void migratesAndStaysCompatibleWithClassPathScanning() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        Migrations.migrate(dataSource, ServletContextMigrations.of(context(SCRIPTS)));

        // The same scripts found by class-path scanning validate against what was applied: same names, checksums.
        Flyway.configure().dataSource(dataSource).locations(Migrations.LOCATION).load().validate();
        assertEquals(0, Migrations.migrate(dataSource, Optional.empty()).migrationsExecuted);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM users")) {
            assertTrue(rows.next());
            assertEquals(0, rows.getInt(1));
            statement.execute("SHUTDOWN");
        }
    }

    private static List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            // Scripts only: the folder also holds flyway.location, the marker Flyway needs on Liberty.
            return files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted()
                    .toList();
        }
    }

    /** A ServletContext that serves {@code folder} as {@code /WEB-INF/classes/db/migration/}, plus a sub-folder. */
    private static ServletContext context(Path folder) {
        return (ServletContext) Proxy.newProxyInstance(ServletContextMigrationsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getResourcePaths" -> {
                        if (!Files.isDirectory(folder) || !ServletContextMigrations.FOLDER.equals(args[0])) {
                            yield null;
                        }
                        Set<String> paths = new LinkedHashSet<>();
                        try (Stream<Path> files = Files.list(folder)) {
                            files.forEach(p -> paths.add(ServletContextMigrations.FOLDER + p.getFileName()));
                        }
                        paths.add(ServletContextMigrations.FOLDER + "archive/");
                        yield paths;
                    }
                    case "getResourceAsStream" -> {
                        String name = ((String) args[0]).substring(ServletContextMigrations.FOLDER.length());
                        Path file = folder.resolve(name);
                        InputStream in = Files.isRegularFile(file) ? Files.newInputStream(file) : null;
                        yield in;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
