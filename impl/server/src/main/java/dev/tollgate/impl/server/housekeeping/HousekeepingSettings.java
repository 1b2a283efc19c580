package dev.tollgate.impl.server.housekeeping;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code tollgate.server.purge-*} settings: how often expired rows are deleted, and how long after expiry (or
 * deletion) they are kept.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code purge-interval}</td><td>{@code 1h}</td><td>how often each node deletes expired refresh
 *       tokens, authorization codes, deny-list rows, idle registration limits and deleted clients; {@code 0s}
 *       turns the purge off (1 min to 7 days otherwise)</td></tr>
 *   <tr><td>{@code purge-retention}</td><td>{@code 1d}</td><td>how long a row is kept after it expired, for
 *       investigation (0 to 365 days)</td></tr>
 *   <tr><td>{@code purge-deleted-clients}</td><td>{@code 30d}</td><td>how long a deleted client's row is kept, for
 *       audit, before the purge deletes it with its revoked refresh tokens, consents and codes (1 day to 10 years;
 *       at least {@code tollgate.keys.max-token-lifetime}, so that its access tokens are refused until they
 *       expire)</td></tr>
 * </table>
 */
public record HousekeepingSettings(Duration interval, Duration retention, Duration deletedClientRetention) {

    public static final String PREFIX = "tollgate.server.";

    public HousekeepingSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(deletedClientRetention, "deletedClientRetention");
    }

    public static HousekeepingSettings defaults() {
        return new HousekeepingSettings(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(30));
    }

    public boolean enabled() {
        return !interval.isZero();
    }

    /** @throws ConfigurationException naming the key at fault */
    public static HousekeepingSettings from(ConfigSource source) {
        Settings settings = new Settings(source, PREFIX);
        HousekeepingSettings defaults = defaults();
        Duration interval = settings.duration("purge-interval", defaults.interval());
        if (!interval.isZero() && (interval.compareTo(Duration.ofMinutes(1)) < 0
                || interval.compareTo(Duration.ofDays(7)) > 0)) {
            throw new ConfigurationException(settings.key("purge-interval"), "must be 0s (off) or from 1m to 7d");
        }
        Duration retention = settings.duration("purge-retention", defaults.retention());
        if (retention.isNegative() || retention.compareTo(Duration.ofDays(365)) > 0) {
            throw new ConfigurationException(settings.key("purge-retention"), "must be from 0s to 365d");
        }
        Duration deletedClients = settings.duration("purge-deleted-clients", defaults.deletedClientRetention());
        if (deletedClients.compareTo(Duration.ofDays(1)) < 0 || deletedClients.compareTo(Duration.ofDays(3650)) > 0) {
            throw new ConfigurationException(settings.key("purge-deleted-clients"), "must be from 1d to 3650d");
        }
        return new HousekeepingSettings(interval, retention, deletedClients);
    }
}
