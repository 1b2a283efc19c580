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
 *   <tr><td>{@code tollgate.server.authorize.max-query-length}</td><td>{@code 8192} characters (1024 to 65536); a
 *       longer authorization request gets a 414 error page ({@link AuthorizationRequestQuery})</td></tr>
 *   <tr><td>{@code tollgate.server.authorize.max-pending-per-address}</td><td>{@code 100} pending requests from one
 *       client address (an IPv6 /64) ...</td></tr>
 *   <tr><td>{@code tollgate.server.authorize.max-pending}</td><td>... and {@code 10000} on the node, at least
 *       {@code max-pending-per-address} (see {@link PendingAuthorizations})</td></tr>
 * </table>
 */
public record AuthorizeSettings(Duration codeLifetime, int maxLoginFailures, int maxAccountLoginFailures,
                                Duration loginLockout, int maxQueryLength, int maxPendingPerAddress,
                                int maxPending) {

    public static final Duration DEFAULT_CODE_LIFETIME = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_PENDING_PER_ADDRESS = 100;
    public static final int DEFAULT_MAX_PENDING = 10_000;

    public AuthorizeSettings {
        Objects.requireNonNull(codeLifetime, "codeLifetime");
        Objects.requireNonNull(loginLockout, "loginLockout");
        if (maxPendingPerAddress < 1 || maxPending < maxPendingPerAddress) {
            throw new IllegalArgumentException("need 1 <= maxPendingPerAddress <= maxPending");
        }
    }

    public static AuthorizeSettings defaults() {
        return new AuthorizeSettings(DEFAULT_CODE_LIFETIME, 5, 50, Duration.ofSeconds(60),
                AuthorizationRequestQuery.DEFAULT_MAX_LENGTH, DEFAULT_MAX_PENDING_PER_ADDRESS, DEFAULT_MAX_PENDING);
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
        Settings authorize = server.child("authorize");
        int maxQueryLength = authorize.integer("max-query-length", AuthorizationRequestQuery.DEFAULT_MAX_LENGTH,
                1024, 65_536);
        int maxPendingPerAddress = authorize.integer("max-pending-per-address", DEFAULT_MAX_PENDING_PER_ADDRESS, 1,
                1_000_000);
        int maxPending = authorize.integer("max-pending", Math.max(DEFAULT_MAX_PENDING, maxPendingPerAddress),
                maxPendingPerAddress, 10_000_000);
        return new AuthorizeSettings(lifetime, maxFailures, maxAccountFailures, lockout, maxQueryLength,
                maxPendingPerAddress, maxPending);
    }
}
