package dev.tollgate.impl.server.registration;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code tollgate.registration.*} settings.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code mode}</td><td>{@code authenticated}</td><td>Who may register (RFC 7591 §3):
 *       {@code authenticated}: a user (plain headers or a user's Bearer token) or an initial access token;
 *       {@code initial-access-token}: only a Bearer access token of this server with the scope
 *       {@value #INITIAL_ACCESS_SCOPE}; <b>{@code open}: anyone, without credentials</b>.</td></tr>
 *   <tr><td>{@code allowed-scopes}</td><td>{@code openid profile email offline_access read write}</td><td>The scopes a
 *       registered client may ask for. Kept narrow on purpose: the gate maps scopes to roles, so a client that
 *       could register with {@code admin} would mint admin tokens by client credentials.</td></tr>
 *   <tr><td>{@code service-scopes}</td><td>{@code read}</td><td>The scopes of a service client
 *       ({@code POST /api/service-clients}).</td></tr>
 *   <tr><td>{@code secret-rotation-overlap}</td><td>{@code 24h}</td><td>How long a service client's previous secret
 *       keeps working after a rotation (0 to 30 days).</td></tr>
 *   <tr><td>{@code max-clients-per-owner}</td><td>{@code 50}</td><td>The live clients (registered and service
 *       clients) one user may own (1 to 100000); administrators are exempt.</td></tr>
 *   <tr><td>{@code rate-limit}</td><td>{@code 20}</td><td>Registrations one registrar (a user, an initial access
 *       token's client, an address in {@code open} mode) may make at once, then one every {@code rate-window /
 *       rate-limit} (1 to 100000); administrators are exempt.</td></tr>
 *   <tr><td>{@code rate-window}</td><td>{@code 1h}</td><td>The window of {@code rate-limit} (1s to 30d).</td></tr>
 * </table>
 */
public record RegistrationSettings(Mode mode, Set<String> allowedScopes, Set<String> serviceScopes,
                                   Duration secretRotationOverlap, RegistrationLimits limits) {

    public static final String PREFIX = "tollgate.registration.";
    /** The scope of an initial access token (RFC 7591 §3: "may be used ... to authorize registration"). */
    public static final String INITIAL_ACCESS_SCOPE = "client:register";

    public enum Mode {
        AUTHENTICATED, INITIAL_ACCESS_TOKEN, OPEN
    }

    public RegistrationSettings {
        Objects.requireNonNull(mode, "mode");
        allowedScopes = Collections.unmodifiableSet(new LinkedHashSet<>(allowedScopes));
        serviceScopes = Collections.unmodifiableSet(new LinkedHashSet<>(serviceScopes));
        Objects.requireNonNull(secretRotationOverlap, "secretRotationOverlap");
        Objects.requireNonNull(limits, "limits");
    }

    public static RegistrationSettings defaults() {
        return new RegistrationSettings(Mode.AUTHENTICATED, Set.of("openid", "profile", "email", "offline_access",
                "read", "write"), Set.of("read"), Duration.ofHours(24), RegistrationLimits.defaults());
    }

    public static RegistrationSettings from(ConfigSource source) {
        Settings settings = new Settings(source, PREFIX);
        RegistrationSettings defaults = defaults();
        String rawMode = settings.string("mode", "authenticated").trim().toLowerCase(Locale.ROOT);
        Mode mode = switch (rawMode) {
            case "authenticated" -> Mode.AUTHENTICATED;
            case "initial-access-token" -> Mode.INITIAL_ACCESS_TOKEN;
            case "open" -> Mode.OPEN;
            default -> throw new ConfigurationException(settings.key("mode"),
                    "must be authenticated, initial-access-token or open, was '" + rawMode + "'");
        };
        Set<String> allowed = scopes(settings, "allowed-scopes", defaults.allowedScopes());
        if (allowed.contains(INITIAL_ACCESS_SCOPE)) {
            throw new ConfigurationException(settings.key("allowed-scopes"),
                    "must not contain " + INITIAL_ACCESS_SCOPE + ": a registered client could register others");
        }
        Set<String> service = scopes(settings, "service-scopes", defaults.serviceScopes());
        Duration overlap = settings.duration("secret-rotation-overlap", defaults.secretRotationOverlap());
        if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(30)) > 0) {
            throw new ConfigurationException(settings.key("secret-rotation-overlap"), "must be from 0 to 30d");
        }
        return new RegistrationSettings(mode, allowed, service, overlap, RegistrationLimits.from(settings));
    }

    private static Set<String> scopes(Settings settings, String key, Set<String> defaults) {
        Set<String> values = new LinkedHashSet<>();
        for (String entry : settings.list(key, java.util.List.copyOf(defaults))) {
            for (String scope : entry.trim().split("[\\s,]+")) {
                if (!scope.isEmpty()) {
                    values.add(scope);
                }
            }
        }
        return values;
    }
}
