package dev.tollgate.war.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh in-memory H2 database with only the demo's migration (V2) applied, through Flyway as at start-up, so that
 * these tests depend on nothing but V2.
 */
final class DemoDatabase {

    static final String SCRIPT = "V2__demo_items.sql";

    final DataSource dataSource;
    final MigrateResult migration;

    private DemoDatabase(DataSource dataSource, MigrateResult migration) {
        this.dataSource = dataSource;
        this.migration = migration;
    }

    static DemoDatabase open() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:demo_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return new DemoDatabase(dataSource, migrate(dataSource));
    }

    /** Runs V2, copied alone from the class path (the server jar carries it) into its own folder. */
    static MigrateResult migrate(DataSource dataSource) {
        try (InputStream script = DemoDatabase.class.getResourceAsStream("/dev/tollgate/impl/server/store/migration/" + SCRIPT)) {
            if (script == null) {
                throw new IllegalStateException(SCRIPT + " is not on the class path (tollgate-server)");
            }
            Path folder = Files.createTempDirectory("demo-migration");
            Files.copy(script, folder.resolve(SCRIPT));
            return Flyway.configure()
                    .dataSource(dataSource)
                    .locations("filesystem:" + folder)
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
