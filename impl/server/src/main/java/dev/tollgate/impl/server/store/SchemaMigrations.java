package dev.tollgate.impl.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Brings the database schema up to date with Flyway: the scripts in {@code migration/} beside this class
 * ({@code V1__authorization_server.sql}, ...). Safe on several nodes at once (Flyway locks its history table), and a
 * no-op when nothing is pending.
 *
 * <p>The scripts are named in {@code migration/index.txt} and read through this class's loader, not found by
 * scanning: class-path scanning depends on how a container exposes a jar (Liberty's {@code wsjar:}, a loose
 * application's folders, a packaged WAR), and this way is the same in every one of them. A unit test checks that
 * the index names exactly the scripts in the folder.
 *
 * <p>Flyway still scans {@code db/callback} for Java callbacks whatever the configuration says; on Liberty's class
 * loader a location is found only through an empty marker file, so this jar carries {@code db/callback/flyway.location}
 * (without it Flyway logs an ERROR at every start).
 */
public final class SchemaMigrations {

    static final String FOLDER = "migration/";
    static final String INDEX = FOLDER + "index.txt";
    /** Flyway retries the first connection with a growing pause (1, 2, 4 ... s): a database still starting. */
    private static final int CONNECT_RETRIES = 5;

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    private SchemaMigrations() {
    }

    /** Applies every pending script; throws (so that start-up fails) when one cannot be applied. */
    public static MigrateResult migrate(DataSource dataSource) {
        MigrateResult result = configure(dataSource).load().migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Database schema at version " + version + " (" + result.migrationsExecuted
                + " migrations applied now)");
        return result;
    }

    /** Flyway set up with the server's scripts, for a caller that adds to it (a test's schema). */
    public static FluentConfiguration configure(DataSource dataSource) {
        Scripts scripts = Scripts.load();
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .resourceProvider(scripts)
                .javaMigrationClassProvider(List::of)
                .connectRetries(CONNECT_RETRIES)
                .cleanDisabled(true);
    }

    /** The script names the index lists, in order. */
    static List<String> names() {
        return Scripts.load().scripts.stream().map(Script::getFilename).toList();
    }

    /** Flyway's view of the scripts: every one read once, at start-up. */
    private static final class Scripts implements ResourceProvider {

        private final List<Script> scripts;

        private Scripts(List<Script> scripts) {
            this.scripts = List.copyOf(scripts);
        }

        static Scripts load() {
            List<Script> scripts = new ArrayList<>();
            for (String line : read(INDEX).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    scripts.add(new Script(name, read(FOLDER + name)));
                }
            }
            return new Scripts(scripts);
        }

        private static String read(String path) {
            try (InputStream in = SchemaMigrations.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("the migration resource " + path + " is missing from "
                            + SchemaMigrations.class.getPackageName());
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the migration resource " + path, e);
            }
        }

        @Override
        public LoadableResource getResource(String name) {
            return scripts.stream().filter(script -> script.getRelativePath().equals(name)).findFirst().orElse(null);
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> matching = new ArrayList<>();
            for (Script script : scripts) {
                String name = script.getFilename();
                if (name.startsWith(prefix) && (suffixes.length == 0 || endsWithAny(name, suffixes))) {
                    matching.add(script);
                }
            }
            return matching;
        }

        private static boolean endsWithAny(String name, String[] suffixes) {
            for (String suffix : suffixes) {
                if (name.endsWith(suffix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One script and its text. */
    private static final class Script extends LoadableResource {

        private final String name;
        private final String content;

        Script(String name, String content) {
            this.name = name;
            this.content = content;
        }

        @Override
        public Reader read() {
            return new StringReader(content);
        }

        @Override
        public String getAbsolutePath() {
            return FOLDER + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return FOLDER + name;
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
