package dev.tollgate.impl.server.key;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * How signing keys are made and rotated. Read once from configuration (keys under {@code tollgate.keys.}):
 *
 * <table>
 *   <caption>Signing-key settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code algorithm}</td><td>{@code RS256}</td><td>{@code RS256} or {@code ES256} (why RS256: docs/PERFORMANCE.md); a change takes effect
 *       through a normal rotation (the new key is published ahead, then signs)</td></tr>
 *   <tr><td>{@code rotation-period}</td><td>{@code 30d}</td><td>how long a key signs before its successor takes
 *       over</td></tr>
 *   <tr><td>{@code publish-ahead}</td><td>{@code 1h}</td><td>how long a successor is in the JWKS before it signs,
 *       so that every node and every verifier's JWKS cache knows it first</td></tr>
 *   <tr><td>{@code max-token-lifetime}</td><td>{@code 24h}</td><td>the longest lifetime of any token signed with
 *       these keys; a retired key stays in the JWKS this long</td></tr>
 *   <tr><td>{@code refresh-interval}</td><td>{@code 1m}</td><td>how often a node re-reads the keys from the
 *       database</td></tr>
 * </table>
 *
 * <p>The key-encryption key is read separately: see {@link KeyEncryptionKeys}.
 */
public record KeySettings(SigningAlgorithm algorithm, Duration rotationPeriod, Duration publishAhead,
                          Duration maxTokenLifetime, Duration refreshInterval) {

    public static final String PREFIX = "tollgate.keys.";

    public KeySettings {
        Objects.requireNonNull(algorithm, "algorithm");
        requirePositive(rotationPeriod, "rotationPeriod");
        requirePositive(publishAhead, "publishAhead");
        requirePositive(maxTokenLifetime, "maxTokenLifetime");
        requirePositive(refreshInterval, "refreshInterval");
        if (rotationPeriod.compareTo(publishAhead) <= 0) {
            throw new IllegalArgumentException("the rotation period must be longer than publish-ahead");
        }
        if (publishAhead.compareTo(refreshInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("publish-ahead must be at least twice the refresh interval");
        }
    }

    public static KeySettings defaults() {
        return new KeySettings(SigningAlgorithm.RS256, Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(24),
                Duration.ofMinutes(1));
    }

    /** @throws ConfigurationException naming the key at fault */
    public static KeySettings from(ConfigSource source) {
        Settings settings = new Settings(source, PREFIX);
        KeySettings defaults = defaults();
        SigningAlgorithm algorithm = settings.string("algorithm")
                .map(name -> SigningAlgorithm.parse(name).orElseThrow(() -> new ConfigurationException(
                        settings.key("algorithm"), "must be ES256 or RS256, was '" + name + "'")))
                .orElse(defaults.algorithm());
        Duration rotationPeriod = positive(settings, "rotation-period", defaults.rotationPeriod());
        Duration publishAhead = positive(settings, "publish-ahead", defaults.publishAhead());
        Duration maxTokenLifetime = positive(settings, "max-token-lifetime", defaults.maxTokenLifetime());
        Duration refreshInterval = positive(settings, "refresh-interval", defaults.refreshInterval());
        if (rotationPeriod.compareTo(publishAhead) <= 0) {
            throw new ConfigurationException(settings.key("rotation-period"),
                    "must be longer than " + settings.key("publish-ahead") + " (" + publishAhead + ")");
        }
        if (publishAhead.compareTo(refreshInterval.multipliedBy(2)) < 0) {
            throw new ConfigurationException(settings.key("publish-ahead"), "must be at least twice "
                    + settings.key("refresh-interval") + " (" + refreshInterval + "), so that every node has re-read"
                    + " the keys before a new one signs");
        }
        return new KeySettings(algorithm, rotationPeriod, publishAhead, maxTokenLifetime, refreshInterval);
    }

    private static Duration positive(Settings settings, String key, Duration defaultValue) {
        Duration value = settings.duration(key, defaultValue);
        if (value.isZero()) {
            throw new ConfigurationException(settings.key(key), "must be longer than zero");
        }
        return value;
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero");
        }
    }
}
