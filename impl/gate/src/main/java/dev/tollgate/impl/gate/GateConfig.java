package dev.tollgate.impl.gate;

import com.nimbusds.jose.JWSAlgorithm;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import dev.tollgate.impl.introspect.IntrospectionConfig;
import dev.tollgate.impl.jwt.HmacSecret;
import dev.tollgate.impl.jwt.JwtConfig;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The gate's configuration, read once when the filter starts and validated: any invalid value throws a
 * {@link ConfigurationException} that names its key, and the deployment fails.
 *
 * <p>Every key starts with {@code tollgate.gate.}. Values come from MicroProfile Config when present, then the
 * filter's init-params, then the web application's context-params, then system properties, then the environment
 * ({@code TOLLGATE_GATE_ISSUER}). Durations are {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code enabled}</td><td>{@code true}</td><td>{@code false} lets every request through untouched.</td></tr>
 *   <tr><td>{@code realm}</td><td>{@code tollgate}</td><td>The realm in {@code WWW-Authenticate}.</td></tr>
 *   <tr><td>{@code mode}</td><td>{@code required}</td><td>{@code required}: a request without credentials gets
 *       401. {@code optional}: it passes as the anonymous caller; bad credentials still fail.</td></tr>
 *   <tr><td>{@code public-paths}</td><td>(none)</td><td>Comma list of {@code /x} (exact) or {@code /x/*} (prefix),
 *       matched against the path inside the application; these skip the gate entirely.</td></tr>
 *   <tr><td>{@code optional-paths}</td><td>(none)</td><td>Same syntax: paths where the gate works as in
 *       {@code optional} mode, whatever {@code mode} says: credentials, when present, must be valid; a request
 *       without them passes as the anonymous caller, for the application to decide.</td></tr>
 *   <tr><td>{@code cors-preflight}</td><td>{@code true}</td><td>A CORS preflight ({@code OPTIONS} with
 *       {@code Origin} and {@code Access-Control-Request-Method}) passes as the anonymous caller, on every path:
 *       browsers never send credentials on a preflight (Fetch standard, CORS-preflight request), so refusing it
 *       would block every cross-origin call. The application's CORS filter answers it. {@code false}: preflights
 *       are gated like any request.</td></tr>
 *   <tr><td>{@code issuer}</td><td>(none)</td><td>The expected {@code iss}, and the base URL for discovery.</td></tr>
 *   <tr><td>{@code discovery}</td><td>{@code true}</td><td>Look up {@code jwks_uri} at
 *       {@code {issuer}/.well-known/openid-configuration}, else {@code /.well-known/oauth-authorization-server}; on
 *       first need, retried at most once per {@code jwks-refresh-cooldown}.</td></tr>
 *   <tr><td>{@code jwks-uri}</td><td>(none)</td><td>The JWK set URL; wins over discovery.</td></tr>
 *   <tr><td>{@code jwks-file}</td><td>(none)</td><td>A local JWK set file; wins over both. Read at start, re-read when
 *       it changes.</td></tr>
 *   <tr><td>{@code audience}</td><td>(none)</td><td>Comma list of accepted {@code aud} values. Empty: {@code aud} is
 *       not checked (a WARNING is logged at start).</td></tr>
 *   <tr><td>{@code algorithms}</td><td>{@code RS256,PS256,ES256,EdDSA}</td><td>Accepted asymmetric algorithms (RS, PS
 *       and ES 256/384/512, EdDSA, Ed25519). {@code none} is never accepted.</td></tr>
 *   <tr><td>{@code hmac-secret}</td><td>(none)</td><td>A shared secret of at least 32 bytes. Only when it is set is
 *       HS256 accepted, verified with it. Never logged.</td></tr>
 *   <tr><td>{@code required-type}</td><td>(none)</td><td>When set (e.g. {@code at+jwt}) the JOSE {@code typ} must
 *       match, case-insensitively, with or without {@code application/}.</td></tr>
 *   <tr><td>{@code clock-skew}</td><td>{@code 30s}</td><td>Tolerance for {@code exp}, {@code nbf} and {@code iat};
 *       at most 5m.</td></tr>
 *   <tr><td>{@code max-token-size}</td><td>{@code 8192}</td><td>Bytes; a longer token is refused before any
 *       parsing (256 to 1048576).</td></tr>
 *   <tr><td>{@code jwks-cache-ttl}</td><td>{@code 5m}</td><td>How long a fetched JWK set is used.</td></tr>
 *   <tr><td>{@code jwks-refresh-cooldown}</td><td>{@code 5s}</td><td>An unknown {@code kid} triggers a refetch at most
 *       once per cooldown; a failed fetch keeps the last good set. Shorter than {@code jwks-cache-ttl}. Also the
 *       {@code Retry-After} of a 503.</td></tr>
 *   <tr><td>{@code http-connect-timeout}</td><td>{@code 2s}</td><td>For JWK set, discovery and introspection calls
 *       (at most 1m).</td></tr>
 *   <tr><td>{@code http-read-timeout}</td><td>{@code 5s}</td><td>Likewise, per request (at most 1m).</td></tr>
 *   <tr><td>{@code roles-claims}</td><td>{@code roles,groups,scope}</td><td>Claims whose values become roles
 *       (arrays or space-separated strings).</td></tr>
 *   <tr><td>{@code token-cache-size}</td><td>{@code 10000}</td><td>Entries in the verified-token cache (and in the
 *       introspection and plain-header caches); 0 disables them.</td></tr>
 *   <tr><td>{@code introspection.endpoint}</td><td>(none)</td><td>RFC 7662 endpoint for opaque tokens. Without it, a
 *       token that is not a JWT is refused as malformed.</td></tr>
 *   <tr><td>{@code introspection.client-id}</td><td>(none)</td><td>Required with the endpoint.</td></tr>
 *   <tr><td>{@code introspection.client-secret}</td><td>(none)</td><td>Required with the endpoint; sent with
 *       client_secret_basic. Never logged.</td></tr>
 *   <tr><td>{@code introspection.max-cache}</td><td>{@code 5m}</td><td>An active answer is reused until the token's
 *       {@code exp} or for this long, whichever is sooner; 0 disables.</td></tr>
 *   <tr><td>{@code introspection.inactive-cache}</td><td>{@code 10s}</td><td>How long an inactive answer is reused; 0
 *       disables.</td></tr>
 *   <tr><td>{@code plain-headers.enabled}</td><td>{@code true}</td><td>Accept the plain headers.</td></tr>
 *   <tr><td>{@code plain-headers.email-header}</td><td>{@code X-API-Email}</td><td></td></tr>
 *   <tr><td>{@code plain-headers.password-header}</td><td>{@code X-API-Password}</td><td></td></tr>
 *   <tr><td>{@code plain-headers.cache-ttl}</td><td>{@code 60s}</td><td>A successful check is reused this long
 *       (keyed by an HMAC of email and password, never the password); 0 disables.</td></tr>
 *   <tr><td>{@code plain-headers.max-failures}</td><td>{@code 5}</td><td>Consecutive failures for one account (email,
 *       case-insensitive) from one client address before the account is locked for that address (1 to
 *       1000).</td></tr>
 *   <tr><td>{@code plain-headers.max-account-failures}</td><td>{@code 50}</td><td>Consecutive failures for one
 *       account from all addresses together before it is locked for everyone ({@code max-failures} to
 *       100000).</td></tr>
 *   <tr><td>{@code plain-headers.lockout}</td><td>{@code 60s}</td><td>How long a locked account gets 429.</td></tr>
 * </table>
 *
 * <p>JWT verification is on when {@code issuer}, {@code jwks-uri}, {@code jwks-file} or {@code hmac-secret} is set.
 * With an {@code issuer} but {@code discovery=false}, a {@code jwks-uri}, {@code jwks-file} or {@code hmac-secret} is
 * required.
 *
 * @param jwt how JWTs are verified; empty when no key source is configured (JWT verification off)
 * @param introspection how opaque tokens are verified; empty without an endpoint
 */
public record GateConfig(boolean enabled, String realm, Mode mode, PublicPaths publicPaths,
                         PublicPaths optionalPaths, boolean corsPreflight, int maxTokenSize,
                         int tokenCacheSize, List<String> rolesClaims, Duration clockSkew, Optional<JwtConfig> jwt,
                         Optional<IntrospectionConfig> introspection, PlainHeadersConfig plainHeaders) {

    /** The prefix of every gate key. */
    public static final String PREFIX = "tollgate.gate.";

    /** Whether a request without credentials is refused ({@code required}) or passes anonymously. */
    public enum Mode {
        REQUIRED, OPTIONAL
    }

    /**
     * The plain-header credentials ({@code X-API-Email} / {@code X-API-Password}).
     *
     * @param cacheTtl how long a successful check is reused; zero disables the cache
     * @param maxFailures consecutive failures from one address before the account is locked for that address
     * @param maxAccountFailures consecutive failures from all addresses before the account is locked for everyone
     * @param lockout how long a locked account is refused with 429
     */
    public record PlainHeadersConfig(boolean enabled, String emailHeader, String passwordHeader, Duration cacheTtl,
                                     int maxFailures, int maxAccountFailures, Duration lockout) {
        public PlainHeadersConfig {
            Objects.requireNonNull(emailHeader, "emailHeader");
            Objects.requireNonNull(passwordHeader, "passwordHeader");
            Objects.requireNonNull(cacheTtl, "cacheTtl");
            Objects.requireNonNull(lockout, "lockout");
        }
    }

    /** The accepted asymmetric algorithms, by name. HMAC is configured by {@code hmac-secret} alone. */
    static final Map<String, JWSAlgorithm> ASYMMETRIC = List.of(
                    JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                    JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
                    JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
                    JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519)
            .stream().collect(Collectors.toUnmodifiableMap(a -> a.getName().toLowerCase(Locale.ROOT),
                    Function.identity()));

    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration MAX_HTTP_TIMEOUT = Duration.ofMinutes(1);

    public GateConfig {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(publicPaths, "publicPaths");
        Objects.requireNonNull(optionalPaths, "optionalPaths");
        rolesClaims = List.copyOf(rolesClaims);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(introspection, "introspection");
        Objects.requireNonNull(plainHeaders, "plainHeaders");
    }

    /**
     * Reads and validates every key.
     *
     * @param settings the keys under {@value #PREFIX}
     * @throws ConfigurationException naming the first invalid key
     */
    public static GateConfig from(Settings settings) {
        boolean enabled = settings.bool("enabled", true);
        String realm = realm(settings);
        Mode mode = mode(settings);
        PublicPaths publicPaths = PublicPaths.parse(settings.list("public-paths", List.of()),
                settings.key("public-paths"));
        PublicPaths optionalPaths = PublicPaths.parse(settings.list("optional-paths", List.of()),
                settings.key("optional-paths"));
        boolean corsPreflight = settings.bool("cors-preflight", true);

        // --- JWT ---
        Optional<String> issuer = settings.string("issuer");
        boolean discovery = settings.bool("discovery", true);
        Optional<URI> jwksUri = settings.httpUri("jwks-uri");
        Optional<Path> jwksFile = settings.string("jwks-file").map(raw -> path(settings, "jwks-file", raw));
        Set<String> audiences = new LinkedHashSet<>(settings.list("audience", List.of()));
        Set<JWSAlgorithm> algorithms = algorithms(settings);
        Optional<HmacSecret> hmacSecret = hmacSecret(settings);
        Optional<String> requiredType = settings.string("required-type");
        Duration clockSkew = bounded(settings, "clock-skew", Duration.ofSeconds(30), Duration.ZERO, MAX_CLOCK_SKEW);
        int maxTokenSize = settings.integer("max-token-size", 8192, 256, 1024 * 1024);
        Duration jwksCacheTtl = bounded(settings, "jwks-cache-ttl", Duration.ofMinutes(5), Duration.ofSeconds(1),
                Duration.ofDays(1));
        Duration cooldown = bounded(settings, "jwks-refresh-cooldown", Duration.ofSeconds(5), Duration.ofMillis(1),
                Duration.ofHours(1));
        if (cooldown.compareTo(jwksCacheTtl) >= 0) {
            throw new ConfigurationException(settings.key("jwks-refresh-cooldown"),
                    "must be shorter than " + settings.key("jwks-cache-ttl"));
        }
        Duration connectTimeout = bounded(settings, "http-connect-timeout", Duration.ofSeconds(2),
                Duration.ofMillis(1), MAX_HTTP_TIMEOUT);
        Duration readTimeout = bounded(settings, "http-read-timeout", Duration.ofSeconds(5), Duration.ofMillis(1),
                MAX_HTTP_TIMEOUT);
        List<String> rolesClaims = settings.list("roles-claims", List.of("roles", "groups", "scope"));
        int tokenCacheSize = settings.integer("token-cache-size", 10_000, 0, 10_000_000);

        if (issuer.isPresent() && discovery && jwksUri.isEmpty() && jwksFile.isEmpty()) {
            settings.httpUri("issuer"); // discovery needs an http(s) URL: fails naming the key otherwise
        }
        if (issuer.isPresent() && !discovery && jwksUri.isEmpty() && jwksFile.isEmpty() && hmacSecret.isEmpty()) {
            throw new ConfigurationException(settings.key("jwks-uri"), "is required when "
                    + settings.key("discovery") + " is false and neither " + settings.key("jwks-file") + " nor "
                    + settings.key("hmac-secret") + " is set");
        }
        Optional<JwtConfig> jwt = Optional.empty();
        if (issuer.isPresent() || jwksUri.isPresent() || jwksFile.isPresent() || hmacSecret.isPresent()) {
            jwt = Optional.of(new JwtConfig(issuer, discovery, jwksUri, jwksFile, audiences, algorithms, hmacSecret,
                    requiredType, clockSkew, jwksCacheTtl, cooldown, connectTimeout, readTimeout));
        }

        // --- introspection ---
        Optional<IntrospectionConfig> introspection = introspection(settings.child("introspection"), connectTimeout,
                readTimeout);

        // --- plain headers ---
        PlainHeadersConfig plainHeaders = plainHeaders(settings.child("plain-headers"));

        return new GateConfig(enabled, realm, mode, publicPaths, optionalPaths, corsPreflight, maxTokenSize,
                tokenCacheSize, rolesClaims, clockSkew, jwt, introspection, plainHeaders);
    }

    private static String realm(Settings settings) {
        String realm = settings.string("realm", "tollgate");
        for (int i = 0; i < realm.length(); i++) {
            char c = realm.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                throw new ConfigurationException(settings.key("realm"),
                        "must be printable ASCII without quotes or backslashes");
            }
        }
        return realm;
    }

    private static Mode mode(Settings settings) {
        String raw = settings.string("mode", "required");
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "required" -> Mode.REQUIRED;
            case "optional" -> Mode.OPTIONAL;
            default -> throw new ConfigurationException(settings.key("mode"),
                    "must be required or optional, was '" + raw + "'");
        };
    }

    private static Path path(Settings settings, String key, String raw) {
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(settings.key(key), "is not a valid file path");
        }
    }

    private static Set<JWSAlgorithm> algorithms(Settings settings) {
        List<String> names = settings.list("algorithms", List.of("RS256", "PS256", "ES256", "EdDSA"));
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            JWSAlgorithm algorithm = ASYMMETRIC.get(lower);
            if (algorithm != null) {
                algorithms.add(algorithm);
            } else if (lower.equals("none")) {
                throw new ConfigurationException(settings.key("algorithms"), "'none' is never accepted");
            } else if (lower.startsWith("hs")) {
                throw new ConfigurationException(settings.key("algorithms"), "'" + name
                        + "' is not accepted here; HS256 is enabled by setting " + settings.key("hmac-secret"));
            } else {
                throw new ConfigurationException(settings.key("algorithms"), "unknown or unsupported algorithm '"
                        + name + "'; accepted: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA,"
                        + " Ed25519");
            }
        }
        if (algorithms.isEmpty()) {
            throw new ConfigurationException(settings.key("algorithms"), "must name at least one algorithm");
        }
        return algorithms;
    }

    private static Optional<HmacSecret> hmacSecret(Settings settings) {
        Optional<char[]> raw = settings.secret("hmac-secret");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        char[] chars = raw.get();
        try {
            return Optional.of(HmacSecret.of(chars));
        } catch (IllegalArgumentException e) {
            // The message is ours and holds no part of the secret.
            throw new ConfigurationException(settings.key("hmac-secret"), e.getMessage());
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static Optional<IntrospectionConfig> introspection(Settings settings, Duration connectTimeout,
                                                               Duration readTimeout) {
        Optional<URI> endpoint = settings.httpUri("endpoint");
        Optional<String> clientId = settings.string("client-id");
        Optional<char[]> clientSecret = settings.secret("client-secret");
        Duration maxCache = bounded(settings, "max-cache", Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1));
        Duration inactiveCache = bounded(settings, "inactive-cache", Duration.ofSeconds(10), Duration.ZERO,
                Duration.ofDays(1));
        if (endpoint.isEmpty()) {
            if (clientId.isPresent()) {
                throw new ConfigurationException(settings.key("client-id"), "is set but "
                        + settings.key("endpoint") + " is not");
            }
            if (clientSecret.isPresent()) {
                throw new ConfigurationException(settings.key("client-secret"), "is set but "
                        + settings.key("endpoint") + " is not");
            }
            return Optional.empty();
        }
        String id = clientId.orElseThrow(() -> new ConfigurationException(settings.key("client-id"),
                "is required with " + settings.key("endpoint")));
        String secret = clientSecret.map(String::new).orElseThrow(() -> new ConfigurationException(
                settings.key("client-secret"), "is required with " + settings.key("endpoint")));
        return Optional.of(new IntrospectionConfig(endpoint.get(), id, secret, maxCache, inactiveCache,
                connectTimeout, readTimeout));
    }

    private static PlainHeadersConfig plainHeaders(Settings settings) {
        boolean enabled = settings.bool("enabled", true);
        String email = headerName(settings, "email-header", "X-API-Email");
        String password = headerName(settings, "password-header", "X-API-Password");
        if (email.equalsIgnoreCase(password)) {
            throw new ConfigurationException(settings.key("password-header"), "must differ from "
                    + settings.key("email-header"));
        }
        Duration cacheTtl = bounded(settings, "cache-ttl", Duration.ofSeconds(60), Duration.ZERO, Duration.ofHours(1));
        int maxFailures = settings.integer("max-failures", 5, 1, 1000);
        int maxAccountFailures = settings.integer("max-account-failures", Math.max(50, maxFailures), maxFailures,
                100_000);
        Duration lockout = bounded(settings, "lockout", Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofDays(1));
        return new PlainHeadersConfig(enabled, email, password, cacheTtl, maxFailures, maxAccountFailures, lockout);
    }

    /** An RFC 9110 §5.1 field name (a token), and not one the gate reads for anything else. */
    private static String headerName(Settings settings, String key, String defaultValue) {
        String name = settings.string(key, defaultValue);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                throw new ConfigurationException(settings.key(key), "is not a valid header name: '" + name + "'");
            }
        }
        if (name.equalsIgnoreCase(CredentialExtractor.AUTHORIZATION)) {
            throw new ConfigurationException(settings.key(key), "must not be Authorization");
        }
        return name;
    }

    private static Duration bounded(Settings settings, String key, Duration defaultValue, Duration min,
                                    Duration max) {
        Duration value = settings.duration(key, defaultValue);
        if (value.compareTo(min) < 0) {
            throw new ConfigurationException(settings.key(key), min.isZero() ? "must not be negative"
                    : "must be at least " + min.toMillis() + " ms");
        }
        if (value.compareTo(max) > 0) {
            throw new ConfigurationException(settings.key(key), "must be at most " + describe(max));
        }
        return value;
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + "m" : duration.toSeconds() + "s";
    }
}
