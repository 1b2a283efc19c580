package dev.tollgate.war.startup;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Where the server's start-up reads its settings. */
final class StartupConfiguration {

    private static final Logger LOG = Logger.getLogger(StartupConfiguration.class.getName());

    private StartupConfiguration() {
    }

    /**
     * The standard Tollgate order (MicroProfile Config, system properties, environment under MicroProfile names),
     * then the short environment names {@code TOLLGATE_ADMIN_EMAIL} / {@code TOLLGATE_ADMIN_PASSWORD}.
     */
    static ConfigSource source() {
        return ConfigSource.chain(List.of(
                ConfigSource.standard(key -> Optional.empty()),
                BootstrapAdmin.shortEnvironmentNames(System::getenv)));
    }

    /**
     * Every property name MicroProfile Config knows (server.xml variables, microprofile-config.properties, system
     * properties, environment variable names), to find {@code tollgate.clients.<id>.*} declarations; empty without
     * MicroProfile Config.
     */
    static Set<String> propertyNames() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return Set.of();
        }
        try {
            Set<String> names = new TreeSet<>();
            org.eclipse.microprofile.config.ConfigProvider.getConfig(loader).getPropertyNames().forEach(names::add);
            return names;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "MicroProfile Config API present without an implementation", e);
            return Set.of();
        }
    }
}
