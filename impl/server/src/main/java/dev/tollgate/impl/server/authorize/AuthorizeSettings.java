package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the authorize, login and consent endpoints, read once. Their issuer is the token endpoint's
 * ({@code tollgate.server.issuer}, read by {@code TokenSettings}). The {@code login.*} keys configure the server's one
 * lockout, which the password grant and the gate's plain headers share with the login page.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code tollgate.server.authorization-code-lifetime}</td><td>{@code 60s} (1 s to 10 min)</td></tr>
 *   <tr><td>{@code tollgate.server.login.max-failures}</td><td>{@code 5} failed logins for one account from one
 *       address lock it for that address ...</td></tr>
 *   <tr><td>{@code tollgate.server.login.max-account-failures}</td><td>{@code 50} from all addresses lock it for
 *       everyone ...</td></tr>
 *   <tr><td>{@code tollgate.server.login.lockout}</td><td>... for {@code 60s}, 1 s to 1 d (see
 *       {@link dev.tollgate.impl.throttle.AccountLockout})</td></tr>
 * </table>
 */
public record AuthorizeSettings(Duration codeLifetime, int maxLoginFailures, int maxAccountLoginFailures,
                                Duration loginLockout) {

    public static final Duration DEFAULT_CODE_LIFETIME = Duration.ofSeconds(60);

    public AuthorizeSettings {
        Objects.requireNonNull(codeLifetime, "codeLifetime");
        Objects.requireNonNull(loginLockout, "loginLockout");
    }

    public static AuthorizeSettings defaults() {
        return new AuthorizeSettings(DEFAULT_CODE_LIFETIME, 5, 50, Duration.ofSeconds(60));
    }

    /** @throws ConfigurationException naming the key of an invalid value */
    public static AuthorizeSettings from(ConfigSource config) {
        Settings server = new Settings(config, "tollgate.server.");
        Duration lifetime = server.duration("authorization-code-lifetime", DEFAULT_CODE_LIFETIME);
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigurationException(server.key("authorization-code-lifetime"),
                    "must be between 1s and 10m (RFC 6749 §4.1.2 recommends at most 10 minutes)");
        }
        Settings login = server.child("login");
        int maxFailures = login.integer("max-failures", 5, 1, 1000);
        int maxAccountFailures = login.integer("max-account-failures", Math.max(50, maxFailures), maxFailures,
                100_000);
        Duration lockout = login.duration("lockout", Duration.ofSeconds(60));
        if (lockout.compareTo(Duration.ofSeconds(1)) < 0 || lockout.compareTo(Duration.ofDays(1)) > 0) {
            throw new ConfigurationException(login.key("lockout"), "must be between 1s and 1d");
        }
        return new AuthorizeSettings(lifetime, maxFailures, maxAccountFailures, lockout);
    }
}
