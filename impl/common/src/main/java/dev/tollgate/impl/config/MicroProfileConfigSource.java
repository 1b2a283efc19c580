package dev.tollgate.impl.config;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * MicroProfile Config, when the application runs where it is available. Only this class touches the MicroProfile
 * API, and only after checking that it is there, so the gate still loads in a plain servlet container.
 */
final class MicroProfileConfigSource {

    private static final Logger LOG = Logger.getLogger(MicroProfileConfigSource.class.getName());

    private MicroProfileConfigSource() {
    }

    private static Set<String> names(org.eclipse.microprofile.config.Config config) {
        Set<String> names = new LinkedHashSet<>();
        config.getPropertyNames().forEach(names::add);
        return names;
    }

    static Optional<ConfigSource> find(ClassLoader loader) {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        try {
            org.eclipse.microprofile.config.Config config =
                    org.eclipse.microprofile.config.ConfigProvider.getConfig(loader);
            return Optional.of(ConfigSource.listing(key -> config.getOptionalValue(key, String.class)
                    .filter(value -> !value.isBlank())
                    .map(String::trim), () -> names(config)));
        } catch (RuntimeException | LinkageError e) {
            // The API is on the class path but no implementation is registered.
            LOG.log(Level.FINE, "MicroProfile Config API present without an implementation", e);
            return Optional.empty();
        }
    }
}
