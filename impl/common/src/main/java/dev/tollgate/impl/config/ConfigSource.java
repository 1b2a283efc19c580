package dev.tollgate.impl.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where configuration values come from: one raw lookup by full key (e.g. {@code tollgate.gate.issuer}).
 *
 * <p>{@link #standard(ConfigSource)} is the order every Tollgate component uses: MicroProfile Config when it is
 * present, then the given local source (filter init-params), then system properties, then the environment.
 *
 * <p>A source may also list the keys it holds ({@link #names()}), so that keys with a name chosen by the user (such
 * as {@code tollgate.gate.issuers.<name>.issuer}) can be found; a source that cannot list them lists none.
 */
@FunctionalInterface
public interface ConfigSource {

    /** The raw value of {@code key}; empty when unset or blank. */
    Optional<String> get(String key);

    /**
     * Every key this source holds, as far as it can tell, in its own spelling: environment variables are listed as
     * they are named ({@code TOLLGATE_GATE_ISSUER}). Empty for a source that cannot list its keys.
     */
    default Set<String> names() {
        return Set.of();
    }

    /** A source that looks keys up with {@code lookup} and lists them with {@code names}. */
    static ConfigSource listing(Function<String, Optional<String>> lookup,
                                Supplier<? extends Collection<String>> names) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return lookup.apply(key);
            }

            @Override
            public Set<String> names() {
                return Set.copyOf(names.get());
            }
        };
    }

    /** The first source that has the key wins; the names are those of every source. */
    static ConfigSource chain(List<ConfigSource> sources) {
        List<ConfigSource> copy = List.copyOf(sources);
        return listing(key -> {
            for (ConfigSource source : copy) {
                Optional<String> value = source.get(key);
                if (value.isPresent()) {
                    return value;
                }
            }
            return Optional.empty();
        }, () -> {
            Set<String> names = new LinkedHashSet<>();
            copy.forEach(source -> names.addAll(source.names()));
            return names;
        });
    }

    static ConfigSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return listing(key -> nonBlank(copy.get(key)), copy::keySet);
    }

    static ConfigSource from(Function<String, String> lookup) {
        return key -> nonBlank(lookup.apply(key));
    }

    /** Like {@link #from(Function)}, for a source that can list its keys (e.g. servlet init-parameters). */
    static ConfigSource from(Function<String, String> lookup, Supplier<? extends Collection<String>> names) {
        return listing(key -> nonBlank(lookup.apply(key)), names);
    }

    static ConfigSource systemProperties() {
        return listing(key -> nonBlank(System.getProperty(key)), () -> System.getProperties().stringPropertyNames());
    }

    /**
     * Environment variables, named as MicroProfile Config names them: every character that is not a letter or a
     * digit becomes {@code _}, and the name is upper-cased ({@code tollgate.gate.issuer} is
     * {@code TOLLGATE_GATE_ISSUER}).
     */
    static ConfigSource environment() {
        return listing(key -> nonBlank(System.getenv(environmentName(key))), () -> System.getenv().keySet());
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
