package dev.tollgate.war.startup;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date with Flyway: the scripts in {@code db/migration}
 * ({@code V1__authorization_server.sql}, ...). Safe on several nodes at once (Flyway locks the history table), and
 * a no-op when nothing is pending.
 *
 * <p>On Liberty's class loader Flyway finds a {@code classpath:} location only through an empty marker file,
 * {@code flyway.location}, in it; without one it logs an ERROR at every start. Hence the markers in
 * {@code db/migration} (for the class-path fallback) and {@code db/callback} (Flyway's default callback location;
 * no SQL callbacks exist yet).
 */
final class Migrations {

    static final String LOCATION = "classpath:db/migration";
    /** Flyway retries the first connection with a growing pause (1, 2, 4 ... s): a database still starting. */
    private static final int CONNECT_RETRIES = 5;

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    /**
     * @param scripts the scripts as listed by the container; empty: scan {@value #LOCATION} on the class path
     */
    static MigrateResult migrate(DataSource dataSource, Optional<ServletContextMigrations> scripts) {
        FluentConfiguration configuration = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .connectRetries(CONNECT_RETRIES)
                .cleanDisabled(true);
        scripts.ifPresent(provider -> configuration
                .resourceProvider(provider)
                .javaMigrationClassProvider(List::of));
        MigrateResult result = configuration.load().migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Database schema at version " + version + " ("
                + result.migrationsExecuted + " migrations applied now" + scripts.map(s -> ", scripts " + s.names())
                .orElse("") + ")");
        return result;
    }
}
