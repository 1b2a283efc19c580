package dev.tollgate.impl.server.token;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the authorization server issues tokens. Read once from configuration (keys under {@code tollgate.server.}):
 *
 * <table>
 *   <caption>Token settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code issuer}</td><td>none: <b>required</b></td><td>the {@code iss} of every token, the
 *       {@code issuer} of the discovery documents and the base of every endpoint URL they list: the server's public
 *       base URL, e.g. {@code https://auth.example.com}. Never derived from a request's {@code Host} (which any
 *       client sets), so the start fails without it.</td></tr>
 *   <tr><td>{@code access-token-lifetime}</td><td>{@code 15m}</td><td>per client: {@code access-token-lifetime}
 *       of its declaration</td></tr>
 *   <tr><td>{@code refresh-token-lifetime}</td><td>{@code 30d}</td><td>per client likewise; each rotation
 *       starts a new lifetime</td></tr>
 *   <tr><td>{@code refresh-grace-period}</td><td>{@code 10s}</td><td>how long after its first use a refresh
 *       token may be used again (parallel refreshes); {@code 0s} turns it off</td></tr>
 *   <tr><td>{@code revocation-cache}</td><td>{@code 5s}</td><td>how long a node may take to see an access
 *       token revoked on another node</td></tr>
 *   <tr><td>{@code default-audience}</td><td>the issuer</td><td>comma-separated {@code aud} of tokens for which
 *       no audience was asked (through {@code resource} or an {@code aud:} scope)</td></tr>
 * </table>
 */
public record TokenSettings(Issuer issuer, Duration accessTokenLifetime, Duration refreshTokenLifetime,
                            Duration refreshGracePeriod, Duration revocationCache, List<String> defaultAudience) {

    public static final String PREFIX = "tollgate.server.";

    private static final String MISSING_ISSUER = "is required: the server's public base URL, the iss of its tokens"
            + " and the base of its endpoint URLs, never taken from a request's Host header. Set it, e.g. to"
            + " http://localhost:9080, as a server.xml <variable name=\"tollgate.server.issuer\" value=\"...\"/>,"
            + " a system property -Dtollgate.server.issuer=... or the environment variable TOLLGATE_SERVER_ISSUER";

    public TokenSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime");
        Objects.requireNonNull(refreshGracePeriod, "refreshGracePeriod");
        Objects.requireNonNull(revocationCache, "revocationCache");
        defaultAudience = List.copyOf(defaultAudience);
    }

    /** The defaults of every setting but the issuer, which has none. */
    public static TokenSettings defaults(Issuer issuer) {
        return new TokenSettings(issuer, Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofSeconds(10),
                Duration.ofSeconds(5), List.of());
    }

    /** @throws ConfigurationException naming the key at fault */
    public static TokenSettings from(ConfigSource source) {
        Settings settings = new Settings(source, PREFIX);
        Issuer issuer = new Issuer(settings.httpUri("issuer").map(uri -> {
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new ConfigurationException(settings.key("issuer"), "must have no query and no fragment");
            }
            return withoutTrailingSlash(uri.toString());
        }).orElseThrow(() -> new ConfigurationException(settings.key("issuer"), MISSING_ISSUER)));
        TokenSettings defaults = defaults(issuer);
        Duration access = positive(settings, "access-token-lifetime", defaults.accessTokenLifetime());
        Duration refresh = positive(settings, "refresh-token-lifetime", defaults.refreshTokenLifetime());
        Duration grace = settings.duration("refresh-grace-period", defaults.refreshGracePeriod());
        if (grace.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigurationException(settings.key("refresh-grace-period"), "must be at most 5m: a stolen"
                    + " refresh token can be used that long after the client used it");
        }
        Duration cache = settings.duration("revocation-cache", defaults.revocationCache());
        List<String> audience = settings.list("default-audience", List.of());
        return new TokenSettings(issuer, access, refresh, grace, cache, audience);
    }

    /** The audience of a token for which none was asked. */
    public List<String> defaultAudienceFor(String issuer) {
        return defaultAudience.isEmpty() ? List.of(issuer) : defaultAudience;
    }

    private static String withoutTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static Duration positive(Settings settings, String key, Duration defaultValue) {
        Duration value = settings.duration(key, defaultValue);
        if (value.isZero() || value.getSeconds() > Integer.MAX_VALUE) {
            throw new ConfigurationException(settings.key(key), "must be longer than zero (and under 68 years)");
        }
        return value;
    }
}
