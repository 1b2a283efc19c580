package dev.tollgate.war.startup;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migration scripts of this WAR, listed through the Servlet API instead of Flyway's class-path scanning.
 *
 * <p>Why: Flyway finds {@code classpath:} locations by turning a class-loader URL into a directory or jar listing.
 * Under WebSphere/Open Liberty those URLs ({@code wsjar:}, loose applications) are a known source of "no
 * migrations found" (flyway/flyway#1640, #3809). {@link ServletContext#getResourcePaths} lists
 * {@code WEB-INF/classes/db/migration/} the same way in every container and every deployment form (packaged war,
 * expanded, Liberty loose application). Each script keeps the relative path that class-path scanning would give
 * it, so the checksums and names in {@code flyway_schema_history} are identical either way.
 */
final class ServletContextMigrations implements ResourceProvider {

    static final String FOLDER = "/WEB-INF/classes/db/migration/";

    private final List<Script> scripts;

    private ServletContextMigrations(List<Script> scripts) {
        this.scripts = List.copyOf(scripts);
    }

    /** The scripts the web application holds, or empty when the container lists none (then scan the class path). */
    static Optional<ServletContextMigrations> of(ServletContext context) {
        Set<String> paths = context.getResourcePaths(FOLDER);
        if (paths == null || paths.isEmpty()) {
            return Optional.empty();
        }
        List<Script> scripts = new ArrayList<>();
        for (String path : new TreeSet<>(paths)) {
            if (path.endsWith("/")) {
                continue; // Flyway's default location is not recursive either way; keep it flat.
            }
            if (!path.endsWith(".sql")) {
                continue; // e.g. flyway.location, the marker Flyway's own class-path lookup needs on Liberty
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            try (InputStream in = context.getResourceAsStream(path)) {
                if (in == null) {
                    continue;
                }
                scripts.add(new Script(name, path, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the migration script " + path, e);
            }
        }
        return scripts.isEmpty() ? Optional.empty() : Optional.of(new ServletContextMigrations(scripts));
    }

    List<String> names() {
        return scripts.stream().map(Script::getFilename).toList();
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

    /** One script, read once at start-up. */
    private static final class Script extends LoadableResource {

        private final String name;
        private final String path;
        private final String content;

        Script(String name, String path, String content) {
            this.name = name;
            this.path = path;
            this.content = content;
        }

        @Override
        public Reader read() {
            return new StringReader(content);
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return path;
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
