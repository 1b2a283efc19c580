package dev.tollgate.impl.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where configuration values come from: one raw lookup by full key (e.g. {@code tollgate.gate.issuer}).
 *
 * <p>{@link #standard(ConfigSource)} is the order every Tollgate component uses: MicroProfile Config when it is
 * present, then the given local source (filter init-params), then system properties, then the environment.
 */
@FunctionalInterface
public interface ConfigSource {

    /** The raw value of {@code key}; empty when unset or blank. */
    Optional<String> get(String key);

    /** The first source that has the key wins. */
    static ConfigSource chain(List<ConfigSource> sources) {
        List<ConfigSource> copy = List.copyOf(sources);
        return key -> {
            for (ConfigSource source : copy) {
                Optional<String> value = source.get(key);
                if (value.isPresent()) {
                    return value;
                }
            }
            return Optional.empty();
        };
    }

    static ConfigSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> nonBlank(copy.get(key));
    }

    static ConfigSource from(Function<String, String> lookup) {
        return key -> nonBlank(lookup.apply(key));
    }

    static ConfigSource systemProperties() {
        return key -> nonBlank(System.getProperty(key));
    }

    /**
     * Environment variables, named as MicroProfile Config names them: every character that is not a letter or a
     * digit becomes {@code _}, and the name is upper-cased ({@code tollgate.gate.issuer} is
     * {@code TOLLGATE_GATE_ISSUER}).
     */
    static ConfigSource environment() {
        return key -> nonBlank(System.getenv(environmentName(key)));
    }

    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * MicroProfile Config (when its API and an implementation are present), then {@code local}, then system
     * properties, then the environment.
     */
    static ConfigSource standard(ConfigSource local) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return chain(List.of(
                MicroProfileConfigSource.find(loader).orElse(key -> Optional.empty()),
                local,
                systemProperties(),
                environment()));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
