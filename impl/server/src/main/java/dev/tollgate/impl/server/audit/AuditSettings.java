package dev.tollgate.impl.server.audit;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code tollgate.server.audit.*} settings.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code token-events}</td><td>{@code false}</td><td>also record {@code token.issued} for every token
 *       the token endpoint issues: one insert per token, so off by default (the client-credentials path then
 *       writes nothing to the database)</td></tr>
 *   <tr><td>{@code retention}</td><td>{@code 90d}</td><td>how long an event is kept before the expired-row purge
 *       deletes it (1 day to 10 years)</td></tr>
 * </table>
 */
public record AuditSettings(boolean tokenEvents, Duration retention) {

    public static final String PREFIX = "tollgate.server.audit.";

    public AuditSettings {
        Objects.requireNonNull(retention, "retention");
    }

    public static AuditSettings defaults() {
        return new AuditSettings(false, Duration.ofDays(90));
    }

    /** @throws ConfigurationException naming the key at fault */
    public static AuditSettings from(ConfigSource source) {
        Settings settings = new Settings(source, PREFIX);
        AuditSettings defaults = defaults();
        boolean tokenEvents = settings.bool("token-events", defaults.tokenEvents());
        Duration retention = settings.duration("retention", defaults.retention());
        if (retention.compareTo(Duration.ofDays(1)) < 0 || retention.compareTo(Duration.ofDays(3650)) > 0) {
            throw new ConfigurationException(settings.key("retention"), "must be from 1d to 3650d");
        }
        return new AuditSettings(tokenEvents, retention);
    }
}
