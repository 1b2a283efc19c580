package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

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
 *   <tr><td>{@code tollgate.server.login.session-lifetime}</td><td>{@code 30m} (1 min to 1 d): how long a login
 *       in the browser lasts ({@link FlowSeals})</td></tr>
 *   <tr><td>{@code tollgate.session.cookie-secure}</td><td>{@code false}: {@code true} marks the flow's cookies
 *       {@code Secure} (also a Liberty variable)</td></tr>
 * </table>
 *
 * <p>{@code tollgate.server.authorize.max-pending-per-address} and {@code max-pending} are <b>deprecated and
 * ignored</b>: no pending request is kept on the server any more (it travels with the browser, sealed: see
 * {@link FlowSeals}), so there is nothing to bound. Setting them logs a WARNING and changes nothing.
 */
public record AuthorizeSettings(Duration codeLifetime, int maxLoginFailures, int maxAccountLoginFailures,
                                Duration loginLockout, int maxQueryLength, Duration loginSessionLifetime,
                                boolean cookieSecure) {

    public static final Duration DEFAULT_CODE_LIFETIME = Duration.ofSeconds(60);
    public static final Duration DEFAULT_LOGIN_SESSION_LIFETIME = Duration.ofMinutes(30);
    /** The keys that bounded the pending requests a node kept, before they moved into the browser. */
    static final List<String> DEPRECATED_KEYS = List.of("tollgate.server.authorize.max-pending-per-address",
            "tollgate.server.authorize.max-pending");

    private static final Logger LOG = Logger.getLogger(AuthorizeSettings.class.getName());

    public AuthorizeSettings {
        Objects.requireNonNull(codeLifetime, "codeLifetime");
        Objects.requireNonNull(loginLockout, "loginLockout");
        Objects.requireNonNull(loginSessionLifetime, "loginSessionLifetime");
    }

    public static AuthorizeSettings defaults() {
        return new AuthorizeSettings(DEFAULT_CODE_LIFETIME, 5, 50, Duration.ofSeconds(60),
                AuthorizationRequestQuery.DEFAULT_MAX_LENGTH, DEFAULT_LOGIN_SESSION_LIFETIME, false);
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
        Duration sessionLifetime = login.duration("session-lifetime", DEFAULT_LOGIN_SESSION_LIFETIME);
        if (sessionLifetime.compareTo(Duration.ofMinutes(1)) < 0
                || sessionLifetime.compareTo(Duration.ofDays(1)) > 0) {
            throw new ConfigurationException(login.key("session-lifetime"), "must be between 1m and 1d");
        }
        Settings authorize = server.child("authorize");
        int maxQueryLength = authorize.integer("max-query-length", AuthorizationRequestQuery.DEFAULT_MAX_LENGTH,
                1024, 65_536);
        for (String key : DEPRECATED_KEYS) {
            if (config.get(key).isPresent()) {
                LOG.warning(() -> key + " is deprecated and ignored: pending authorization requests are no longer"
                        + " kept on the server (they travel with the browser, sealed); remove the setting");
            }
        }
        boolean cookieSecure = new Settings(config, "tollgate.session.").bool("cookie-secure", false);
        return new AuthorizeSettings(lifetime, maxFailures, maxAccountFailures, lockout, maxQueryLength,
                sessionLifetime, cookieSecure);
    }
}
