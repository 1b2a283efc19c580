package dev.tollgate.impl.server.registration;

import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * How many clients one party may register, and how fast: the {@code tollgate.registration.max-clients-per-owner},
 * {@code rate-limit} and {@code rate-window} settings. Both limits apply to registrations (RFC 7591) and to service
 * clients, and neither to an administrator.
 *
 * @param maxClientsPerOwner the live (not deleted) clients one user may own at once
 * @param rateLimit          registrations one registrar may make at once (a burst); then one every
 *                           {@code rateWindow / rateLimit}, so at most {@code rateLimit} more per window
 * @param rateWindow         the window of {@code rateLimit}
 */
public record RegistrationLimits(int maxClientsPerOwner, int rateLimit, Duration rateWindow) {

    static final int MAX_COUNT = 100_000;

    public RegistrationLimits {
        if (maxClientsPerOwner < 1 || rateLimit < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Objects.requireNonNull(rateWindow, "rateWindow");
        if (rateWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("rateWindow must be at least 1s");
        }
    }

    public static RegistrationLimits defaults() {
        return new RegistrationLimits(50, 20, Duration.ofHours(1));
    }

    /** The time one registration takes from the window: the burst refills at this pace (GCRA's emission interval). */
    public Duration interval() {
        return rateWindow.dividedBy(rateLimit);
    }

    /** @throws ConfigurationException naming the key at fault */
    static RegistrationLimits from(Settings settings) {
        RegistrationLimits defaults = defaults();
        int maxClients = settings.integer("max-clients-per-owner", defaults.maxClientsPerOwner(), 1, MAX_COUNT);
        int rate = settings.integer("rate-limit", defaults.rateLimit(), 1, MAX_COUNT);
        Duration window = settings.duration("rate-window", defaults.rateWindow());
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(30)) > 0) {
            throw new ConfigurationException(settings.key("rate-window"), "must be from 1s to 30d");
        }
        return new RegistrationLimits(maxClients, rate, window);
    }
}
