package dev.tollgate.war.startup;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node started while its database cannot be reached tries again: after {@code first}, then twice as long each
 * time, up to {@code tollgate.server.startup-retry-max} between attempts, for as long as it takes.
 *
 * @param first the pause before the second attempt
 * @param max   the longest pause between attempts: also the longest a node waits, once the database is back, before
 *              it notices
 */
public record StartupRetry(Duration first, Duration max) {

    public static final String MAX_KEY = "tollgate.server.startup-retry-max";
    static final Duration DEFAULT_MAX = Duration.ofSeconds(10);
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LOWEST = Duration.ofSeconds(1);
    private static final Duration HIGHEST = Duration.ofMinutes(5);

    public StartupRetry {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, was " + first + " and " + max);
        }
    }

    /** @throws ConfigurationException naming {@value #MAX_KEY} when it is not from 1 s to 5 min */
    public static StartupRetry from(ConfigSource config) {
        Settings settings = new Settings(config, "");
        Duration max = settings.duration(MAX_KEY, DEFAULT_MAX);
        if (max.compareTo(LOWEST) < 0 || max.compareTo(HIGHEST) > 0) {
            throw new ConfigurationException(MAX_KEY, "must be from 1s to 5m, was " + max);
        }
        return new StartupRetry(FIRST, max);
    }

    /** The pause after {@code previous}: doubled, at most {@link #max()}. */
    Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
