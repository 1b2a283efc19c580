package dev.tollgate.impl.gate;

import com.nimbusds.jose.JWSAlgorithm;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import dev.tollgate.impl.dpop.DpopConfig;
import dev.tollgate.impl.introspect.IntrospectionConfig;
import dev.tollgate.impl.jwt.HmacSecret;
import dev.tollgate.impl.jwt.JwtConfig;
import dev.tollgate.impl.verification.ClaimMapping;
import dev.tollgate.impl.verification.ClaimPath;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The gate's configuration, read once when the application starts and validated: any invalid value throws a
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
 *   <tr><td>{@code issuer}</td><td>(none)</td><td>The expected {@code iss} of JWTs and of introspection answers,
 *       and the base URL for discovery.</td></tr>
 *   <tr><td>{@code discovery}</td><td>{@code true}</td><td>Look up {@code jwks_uri} at
 *       {@code {issuer}/.well-known/openid-configuration}, else {@code /.well-known/oauth-authorization-server}; on
 *       first need, retried at most once per {@code jwks-refresh-cooldown}.</td></tr>
 *   <tr><td>{@code jwks-uri}</td><td>(none)</td><td>The JWK set URL; wins over discovery.</td></tr>
 *   <tr><td>{@code jwks-file}</td><td>(none)</td><td>A local JWK set file; wins over both. Read at start, re-read when
 *       it changes.</td></tr>
 *   <tr><td>{@code audience}</td><td>(none)</td><td>Comma list of accepted {@code aud} values, for JWTs and
 *       introspection answers. Empty: {@code aud} is not checked (a WARNING is logged at start).</td></tr>
 *   <tr><td>{@code algorithms}</td><td>{@code RS256,PS256,ES256,EdDSA}</td><td>Accepted asymmetric algorithms (RS, PS
 *       and ES 256/384/512, EdDSA, Ed25519). {@code none} is never accepted.</td></tr>
 *   <tr><td>{@code hmac-secret}</td><td>(none)</td><td>A shared secret of at least 32 bytes. Only when it is set is
 *       HS256 accepted, verified with it. Never logged.</td></tr>
 *   <tr><td>{@code required-type}</td><td>(none)</td><td>When set (e.g. {@code at+jwt}) the JOSE {@code typ} must
 *       match, case-insensitively, with or without {@code application/}.</td></tr>
 *   <tr><td>{@code roles-claims}</td><td>{@code roles,groups}</td><td>Comma list of claim paths whose names become
 *       roles ({@link ClaimPath}: {@code realm_access.roles}, {@code resource_access.{client}.roles},
 *       {@code [https://example.com/roles]}, {@code urn:zitadel:iam:org:project:roles}). Scopes are not roles unless
 *       {@code scope} is listed here.</td></tr>
 *   <tr><td>{@code scopes-claims}</td><td>{@code scope,scp}</td><td>Comma list of claim paths whose names become
 *       scopes ({@code @RequiresScope}, {@code Caller.scopes()}).</td></tr>
 *   <tr><td>{@code client-id}</td><td>(none)</td><td>This API's client id at the issuer: what {@code {client}} stands
 *       for in a claim path. Required when a path uses {@code {client}}.</td></tr>
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
 *   <tr><td>{@code token-cache-size}</td><td>{@code 10000}</td><td>Entries in the verified-token cache (and in the
 *       introspection and plain-header caches); 0 disables them.</td></tr>
 *   <tr><td>{@code introspection.endpoint}</td><td>(none)</td><td>RFC 7662 endpoint for opaque tokens. Without it, a
 *       token that is not a JWT is refused as malformed.</td></tr>
 *   <tr><td>{@code introspection.client-id}</td><td>(none)</td><td>Required with the endpoint.</td></tr>
 *   <tr><td>{@code introspection.client-secret}</td><td>(none)</td><td>Required with the endpoint; sent with
 *       client_secret_basic. Never logged.</td></tr>
 *   <tr><td>{@code introspection.max-cache}</td><td>{@code 5m}</td><td>An active answer is reused until the token's
 *       {@code exp} or for this long, whichever is sooner; 0 disables.</td></tr>
 *   <tr><td>{@code introspection.inactive-cache}</td><td>{@code 10s}</td><td>How long an inactive answer (or one
 *       refused for its issuer or audience) is reused; 0 disables.</td></tr>
 *   <tr><td>{@code issuers.<name>.<key>}</td><td>(none)</td><td>Another trusted issuer, beside the short form above:
 *       {@code <key>} is any of {@link #ISSUER_KEYS}. {@code issuer} is required; the token's {@code iss} picks the
 *       issuer. {@code audience}, {@code algorithms}, {@code required-type}, {@code roles-claims},
 *       {@code scopes-claims} and {@code client-id} default to the short-form values; the key sources, the secret and
 *       introspection never do. Only one issuer may have introspection (an opaque token names no issuer).</td></tr>
 *   <tr><td>{@code external-base-url}</td><td>(none)</td><td>The URL clients reach this server by (scheme, host, port,
 *       path prefix): what a DPoP proof's {@code htu} is checked against, and the base of the protected-resource
 *       metadata's URL. Never read from {@code Host} or forwarded headers.</td></tr>
 *   <tr><td>{@code dpop.enabled}</td><td>(on with {@code external-base-url})</td><td>Accept
 *       {@code Authorization: DPoP} with a proof (RFC 9449).</td></tr>
 *   <tr><td>{@code dpop.required}</td><td>{@code false}</td><td>Refuse every Bearer token.</td></tr>
 *   <tr><td>{@code dpop.algorithms}</td><td>{@code ES256,RS256,PS256,EdDSA}</td><td>Proof algorithms; asymmetric
 *       only.</td></tr>
 *   <tr><td>{@code dpop.max-proof-age}</td><td>{@code 60s}</td><td>How old a proof's {@code iat} may be, plus the
 *       clock skew (1s to 10m).</td></tr>
 *   <tr><td>{@code dpop.replay-cache-size}</td><td>{@code 100000}</td><td>Proofs remembered per node (100 to
 *       10000000).</td></tr>
 *   <tr><td>{@code dpop.nonce}, {@code dpop.nonce-lifetime}, {@code dpop.nonce-secret}</td><td>{@code false},
 *       {@code 60s}, (random)</td><td>Require the gate's nonce in proofs (RFC 9449 §9); a secret shared by the
 *       nodes. Never logged.</td></tr>
 *   <tr><td>{@code resource-metadata.*}</td><td>(on with {@code external-base-url})</td><td>RFC 9728 metadata:
 *       {@code enabled}, {@code resource}, {@code authorization-servers}, {@code scopes-supported},
 *       {@code resource-name}, {@code resource-documentation}.</td></tr>
 *   <tr><td>{@code plain-headers.enabled}</td><td>(on when a verifier exists)</td><td>Accept the plain headers.
 *       Unset: only when a {@code PlainCredentialVerifier} (CDI bean or ServiceLoader) or a Jakarta Security identity
 *       store can check them. {@code true}: a missing verifier fails the deployment. {@code false}: off.</td></tr>
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
 * <p>An issuer verifies JWTs when {@code issuer} (with discovery), {@code jwks-uri}, {@code jwks-file} or
 * {@code hmac-secret} is set. With an {@code issuer} but {@code discovery=false}, a {@code jwks-uri},
 * {@code jwks-file} or {@code hmac-secret} is required, unless the issuer has introspection (then its JWTs are
 * introspected too).
 *
 * @param issuers the trusted issuers: the short-form one first (when configured), then the named ones by name
 * @param policy the short-form JWT policy (audience, algorithms, type) without a key source: what the application's
 *     own authorization server's tokens are checked against when there is no short-form issuer
 * @param claims the short-form claim paths, for the application's own authorization server's tokens
 */
public record GateConfig(boolean enabled, String realm, Mode mode, PublicPaths publicPaths,
                         PublicPaths optionalPaths, boolean corsPreflight, int maxTokenSize,
                         int tokenCacheSize, Duration clockSkew, List<IssuerConfig> issuers, JwtConfig policy,
                         ClaimMapping claims, PlainHeadersConfig plainHeaders, Optional<URI> externalBaseUrl,
                         DpopConfig dpop, ResourceMetadataConfig resourceMetadata) {

    /** The prefix of every gate key. */
    public static final String PREFIX = "tollgate.gate.";

    /** The keys of one trusted issuer, after {@code tollgate.gate.} or {@code tollgate.gate.issuers.<name>.}. */
    public static final List<String> ISSUER_KEYS = List.of("issuer", "discovery", "jwks-uri", "jwks-file",
            "audience", "algorithms", "required-type", "roles-claims", "scopes-claims", "client-id", "hmac-secret",
            "introspection.endpoint", "introspection.client-id", "introspection.client-secret",
            "introspection.max-cache", "introspection.inactive-cache");

    /**
     * The RFC 9728 protected-resource metadata the gate serves, as configured ({@code resource-metadata.*}).
     *
     * @param enabled whether the document is served and named in every challenge (needs {@code external-base-url})
     * @param resource the resource identifier; empty: {@code external-base-url} plus the context path
     * @param authorizationServers the issuers to name; empty: every trusted issuer's {@code issuer}
     * @param scopesSupported {@code scopes_supported}; empty: left out
     * @param resourceName {@code resource_name}
     * @param resourceDocumentation {@code resource_documentation}
     */
    public record ResourceMetadataConfig(boolean enabled, Optional<URI> resource, List<String> authorizationServers,
                                         List<String> scopesSupported, Optional<String> resourceName,
                                         Optional<URI> resourceDocumentation) {
        public ResourceMetadataConfig {
            Objects.requireNonNull(resource, "resource");
            authorizationServers = List.copyOf(authorizationServers);
            scopesSupported = List.copyOf(scopesSupported);
            Objects.requireNonNull(resourceName, "resourceName");
            Objects.requireNonNull(resourceDocumentation, "resourceDocumentation");
        }
    }

    /** Whether a request without credentials is refused ({@code required}) or passes anonymously. */
    public enum Mode {
        REQUIRED, OPTIONAL
    }

    /**
     * The plain-header credentials ({@code X-API-Email} / {@code X-API-Password}).
     *
     * @param enabled {@code plain-headers.enabled} as configured; empty: on when something can check them
     * @param cacheTtl how long a successful check is reused; zero disables the cache
     * @param maxFailures consecutive failures from one address before the account is locked for that address
     * @param maxAccountFailures consecutive failures from all addresses before the account is locked for everyone
     * @param lockout how long a locked account is refused with 429
     */
    public record PlainHeadersConfig(Optional<Boolean> enabled, String emailHeader, String passwordHeader,
                                     Duration cacheTtl, int maxFailures, int maxAccountFailures, Duration lockout) {
        public PlainHeadersConfig {
            Objects.requireNonNull(enabled, "enabled");
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
    private static final Pattern ISSUER_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    public GateConfig {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(publicPaths, "publicPaths");
        Objects.requireNonNull(optionalPaths, "optionalPaths");
        Objects.requireNonNull(clockSkew, "clockSkew");
        issuers = List.copyOf(issuers);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(plainHeaders, "plainHeaders");
        Objects.requireNonNull(externalBaseUrl, "externalBaseUrl");
        Objects.requireNonNull(dpop, "dpop");
        Objects.requireNonNull(resourceMetadata, "resourceMetadata");
    }

    /** The short-form issuer's JWT verification; empty when it has no key source. */
    public Optional<JwtConfig> jwt() {
        return issuers.stream().filter(IssuerConfig::isShortForm).findFirst().flatMap(IssuerConfig::jwt);
    }

    /** The one introspection endpoint, whichever issuer has it; empty without one. */
    public Optional<IntrospectionConfig> introspection() {
        return issuers.stream().flatMap(issuer -> issuer.introspection().stream()).findFirst();
    }

    /** Timing settings that every issuer shares. */
    private record Timing(Duration clockSkew, Duration jwksCacheTtl, Duration cooldown, Duration connectTimeout,
                          Duration readTimeout) {
    }

    /**
     * The keys of an issuer's token policy: a named issuer's own, else the short form's.
     *
     * @param roles the roles paths, {@code {client}} not yet replaced
     * @param scopes the scopes paths, likewise
     */
    private record Policy(Set<String> audiences, Set<JWSAlgorithm> algorithms, Optional<String> requiredType,
                          List<ClaimPath> roles, List<ClaimPath> scopes, Optional<String> clientId) {

        static Policy read(Settings settings, Optional<Policy> inherited) {
            Set<String> audiences = settings.string("audience").isPresent() || inherited.isEmpty()
                    ? new LinkedHashSet<>(settings.list("audience", List.of())) : inherited.get().audiences();
            Set<JWSAlgorithm> algorithms = settings.string("algorithms").isPresent() || inherited.isEmpty()
                    ? GateConfig.algorithms(settings) : inherited.get().algorithms();
            Optional<String> requiredType = settings.string("required-type")
                    .or(() -> inherited.flatMap(Policy::requiredType));
            Optional<String> clientId = settings.string("client-id").or(() -> inherited.flatMap(Policy::clientId));
            List<ClaimPath> roles = paths(settings, "roles-claims", ClaimMapping.DEFAULT_ROLES,
                    inherited.map(Policy::roles));
            List<ClaimPath> scopes = paths(settings, "scopes-claims", ClaimMapping.DEFAULT_SCOPES,
                    inherited.map(Policy::scopes));
            return new Policy(audiences, algorithms, requiredType, roles, scopes, clientId);
        }

        /**
         * The claim paths with {@code {client}} replaced by this issuer's {@code client-id}.
         *
         * @param strict whether a path with {@code {client}} but no client id fails (it does for every issuer);
         *     otherwise such a path is left out (the short-form paths, when they serve only as the named issuers'
         *     defaults and for the application's own authorization server)
         */
        ClaimMapping mapping(Settings settings, boolean strict) {
            return new ClaimMapping(withClient(roles, settings, strict), withClient(scopes, settings, strict));
        }

        private List<ClaimPath> withClient(List<ClaimPath> paths, Settings settings, boolean strict) {
            List<ClaimPath> resolved = new ArrayList<>(paths.size());
            for (ClaimPath path : paths) {
                if (!path.usesClient()) {
                    resolved.add(path);
                } else if (clientId.isPresent()) {
                    resolved.add(path.withClient(clientId.get()));
                } else if (strict) {
                    throw new ConfigurationException(settings.key("client-id"), "is required: the claim path "
                            + path + " uses " + ClaimPath.CLIENT);
                }
            }
            return resolved;
        }

        private static List<ClaimPath> paths(Settings settings, String key, List<String> defaults,
                                             Optional<List<ClaimPath>> inherited) {
            if (settings.string(key).isEmpty() && inherited.isPresent()) {
                return inherited.get();
            }
            List<ClaimPath> paths = new ArrayList<>();
            for (String raw : settings.list(key, defaults)) {
                try {
                    paths.add(ClaimPath.parse(raw));
                } catch (IllegalArgumentException e) {
                    // The message quotes the path: configuration, not a secret.
                    throw new ConfigurationException(settings.key(key), e.getMessage());
                }
            }
            return paths;
        }
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
        int tokenCacheSize = settings.integer("token-cache-size", 10_000, 0, 10_000_000);
        Timing timing = new Timing(clockSkew, jwksCacheTtl, cooldown, connectTimeout, readTimeout);

        // --- trusted issuers: the short form, then the named ones ---
        Policy shortPolicy = Policy.read(settings, Optional.empty());
        List<IssuerConfig> issuers = new ArrayList<>();
        issuer(IssuerConfig.SHORT_FORM, settings, shortPolicy, timing).ifPresent(issuers::add);
        Set<String> names = issuerNames(settings);
        ClaimMapping claims = shortPolicy.mapping(settings, !issuers.isEmpty() || names.isEmpty());
        for (String name : names) {
            Settings named = settings.child("issuers").child(name);
            if (named.string("issuer").isEmpty()) {
                throw new ConfigurationException(named.key("issuer"), "is required for a trusted issuer of "
                        + settings.key("issuers.*") + ": the token's iss picks the issuer");
            }
            issuers.add(issuer(name, named, Policy.read(named, Optional.of(shortPolicy)), timing).orElseThrow());
        }
        checkIssuers(settings, issuers);
        JwtConfig policy = new JwtConfig(Optional.empty(), false, Optional.empty(), Optional.empty(),
                shortPolicy.audiences(), shortPolicy.algorithms(), Optional.empty(), shortPolicy.requiredType(),
                clockSkew, jwksCacheTtl, cooldown, connectTimeout, readTimeout);

        // --- plain headers ---
        PlainHeadersConfig plainHeaders = plainHeaders(settings.child("plain-headers"));

        // --- DPoP and protected-resource metadata, which need the URL clients see ---
        Optional<URI> externalBaseUrl = externalBaseUrl(settings);
        DpopConfig dpop = dpop(settings, externalBaseUrl, clockSkew);
        ResourceMetadataConfig resourceMetadata = resourceMetadata(settings, externalBaseUrl, issuers);

        return new GateConfig(enabled, realm, mode, publicPaths, optionalPaths, corsPreflight, maxTokenSize,
                tokenCacheSize, clockSkew, issuers, policy, claims, plainHeaders, externalBaseUrl, dpop,
                resourceMetadata);
    }

    /**
     * {@code external-base-url}: the scheme, host, port and any path prefix clients use to reach this server, as a
     * reverse proxy presents it. The gate never reads it from {@code Host} or {@code Forwarded} headers, which any
     * client can set.
     */
    private static Optional<URI> externalBaseUrl(Settings settings) {
        Optional<URI> url = settings.httpUri("external-base-url");
        url.ifPresent(uri -> {
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new ConfigurationException(settings.key("external-base-url"),
                        "must have no query, fragment or user info");
            }
        });
        return url;
    }

    private static DpopConfig dpop(Settings root, Optional<URI> externalBaseUrl, Duration clockSkew) {
        Settings settings = root.child("dpop");
        boolean enabled = settings.bool("enabled", externalBaseUrl.isPresent());
        if (enabled && externalBaseUrl.isEmpty()) {
            throw new ConfigurationException(settings.key("enabled"), "is true, but " + root.key("external-base-url")
                    + " is not set: a proof's htu is checked against it (the Host header is never trusted)");
        }
        boolean required = settings.bool("required", false);
        if (required && !enabled) {
            throw new ConfigurationException(settings.key("required"), "is true, but DPoP is off ("
                    + settings.key("enabled") + ")");
        }
        List<String> names = settings.list("algorithms", List.of("ES256", "RS256", "PS256", "EdDSA"));
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            JWSAlgorithm algorithm = ASYMMETRIC.get(lower);
            if (algorithm == null) {
                throw new ConfigurationException(settings.key("algorithms"), "'" + name + "' is not accepted: a"
                        + " DPoP proof is signed with an asymmetric key (RFC 9449 §4.3): RS256, RS384, RS512, PS256,"
                        + " PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519");
            }
            algorithms.add(algorithm);
        }
        if (algorithms.isEmpty()) {
            throw new ConfigurationException(settings.key("algorithms"), "must name at least one algorithm");
        }
        Duration maxProofAge = bounded(settings, "max-proof-age", Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofMinutes(10));
        int replayCacheSize = settings.integer("replay-cache-size", 100_000, 100, 10_000_000);
        boolean nonce = settings.bool("nonce", false);
        Duration nonceLifetime = bounded(settings, "nonce-lifetime", Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofMinutes(10));
        Optional<HmacSecret> nonceSecret = hmacSecret(settings, "nonce-secret");
        if (nonce && !enabled) {
            throw new ConfigurationException(settings.key("nonce"), "is true, but DPoP is off ("
                    + settings.key("enabled") + ")");
        }
        return enabled ? new DpopConfig(true, required, algorithms, maxProofAge, clockSkew, replayCacheSize, nonce,
                nonceLifetime, nonceSecret) : DpopConfig.off(clockSkew);
    }

    private static ResourceMetadataConfig resourceMetadata(Settings root, Optional<URI> externalBaseUrl,
                                                           List<IssuerConfig> issuers) {
        Settings settings = root.child("resource-metadata");
        Optional<URI> resource = settings.httpUri("resource");
        boolean enabled = settings.bool("enabled", externalBaseUrl.isPresent());
        if (enabled && externalBaseUrl.isEmpty()) {
            throw new ConfigurationException(settings.key("enabled"), "is true, but " + root.key("external-base-url")
                    + " is not set: the document's URL, named in every challenge, is built from it");
        }
        resource.ifPresent(uri -> {
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                // RFC 9728 §1.2: a resource identifier has no query and no fragment.
                throw new ConfigurationException(settings.key("resource"), "must have no query and no fragment");
            }
        });
        List<String> authorizationServers = settings.list("authorization-servers", issuers.stream()
                .flatMap(issuer -> issuer.issuer().stream()).distinct().toList());
        List<String> scopes = settings.list("scopes-supported", List.of());
        Optional<String> name = settings.string("resource-name").map(String::strip).filter(s -> !s.isEmpty());
        Optional<URI> documentation = settings.httpUri("resource-documentation");
        return new ResourceMetadataConfig(enabled, resource, authorizationServers, scopes, name, documentation);
    }

    /**
     * One issuer's keys, under {@code settings}; empty when none of its key sources nor introspection is set (the
     * short form only: a named issuer has its {@code issuer}).
     */
    private static Optional<IssuerConfig> issuer(String name, Settings settings, Policy policy, Timing timing) {
        Optional<String> issuer = settings.string("issuer");
        boolean discovery = settings.bool("discovery", true);
        Optional<URI> jwksUri = settings.httpUri("jwks-uri");
        Optional<Path> jwksFile = settings.string("jwks-file").map(raw -> path(settings, "jwks-file", raw));
        Optional<HmacSecret> hmacSecret = hmacSecret(settings);
        Optional<IntrospectionConfig> introspection = introspection(settings.child("introspection"), timing, issuer,
                policy.audiences());

        boolean keys = jwksUri.isPresent() || jwksFile.isPresent() || hmacSecret.isPresent();
        if (issuer.isPresent() && discovery && !keys) {
            settings.httpUri("issuer"); // discovery needs an http(s) URL: fails naming the key otherwise
        }
        if (issuer.isPresent() && !discovery && !keys && introspection.isEmpty()) {
            throw new ConfigurationException(settings.key("jwks-uri"), "is required when "
                    + settings.key("discovery") + " is false and neither " + settings.key("jwks-file") + " nor "
                    + settings.key("hmac-secret") + " nor " + settings.key("introspection.endpoint") + " is set");
        }
        Optional<JwtConfig> jwt = Optional.empty();
        if (keys || issuer.isPresent() && discovery) {
            jwt = Optional.of(new JwtConfig(issuer, discovery, jwksUri, jwksFile, policy.audiences(),
                    policy.algorithms(), hmacSecret, policy.requiredType(), timing.clockSkew(), timing.jwksCacheTtl(),
                    timing.cooldown(), timing.connectTimeout(), timing.readTimeout()));
        }
        if (jwt.isEmpty() && introspection.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IssuerConfig(name, settings.key(""), issuer, jwt, introspection,
                policy.mapping(settings, true)));
    }

    /**
     * Tokens are routed by {@code iss}: every issuer needs its own, except a short-form issuer that is the only one
     * verifying JWTs; and only one issuer may introspect, as an opaque token names no issuer.
     */
    private static void checkIssuers(Settings settings, List<IssuerConfig> issuers) {
        Map<String, IssuerConfig> byIss = new HashMap<>();
        IssuerConfig introspecting = null;
        for (IssuerConfig issuer : issuers) {
            if (issuer.issuer().isEmpty() && issuer.jwt().isPresent() && issuers.size() > 1) {
                throw new ConfigurationException(settings.key("issuer"), "is required when "
                        + settings.key("issuers.*") + " are configured too: the token's iss picks the issuer");
            }
            if (issuer.issuer().isPresent()) {
                IssuerConfig same = byIss.putIfAbsent(issuer.issuer().get(), issuer);
                if (same != null) {
                    throw new ConfigurationException(issuer.keyPrefix() + "issuer", "is the same as "
                            + same.keyPrefix() + "issuer; each trusted issuer is configured once");
                }
            }
            if (issuer.introspection().isPresent()) {
                if (introspecting != null) {
                    throw new ConfigurationException(issuer.keyPrefix() + "introspection.endpoint",
                            "is set, but " + introspecting.keyPrefix() + "introspection.endpoint is too: an opaque"
                                    + " token names no issuer, so only one introspection endpoint can be used");
                }
                introspecting = issuer;
            }
        }
    }

    /**
     * The names {@code <name>} of {@code tollgate.gate.issuers.<name>.<key>}, as far as the configuration sources
     * list their keys (MicroProfile Config, init-params, system properties and the environment all do). In an
     * environment variable ({@code TOLLGATE_GATE_ISSUERS_KC_JWKS_URI}) the name is what precedes a known key, in
     * lower case ({@code kc}).
     */
    static Set<String> issuerNames(Settings settings) {
        Set<String> dotted = new TreeSet<>();
        Set<String> environment = new TreeSet<>();
        List<String> keysByLength = ISSUER_KEYS.stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String relative : settings.keysUnder("issuers")) {
            int dot = relative.indexOf('.');
            if (dot >= 0) {
                String name = relative.substring(0, dot);
                String key = relative.substring(dot + 1);
                if (!ISSUER_KEYS.contains(key)) {
                    // Liberty lists TOLLGATE_GATE_ISSUERS_OLD_IDP_JWKS_URI as issuers.old.idp.jwks.uri: a known key
                    // with its dashes as dots ends it, and what precedes it is an environment name
                    Optional<String> listed = environmentNameBefore(relative, keysByLength);
                    if (listed.isPresent()) {
                        environment.add(listed.get());
                        continue;
                    }
                    throw new ConfigurationException(settings.key("issuers." + relative), "is not a key of a"
                            + " trusted issuer; these are: " + String.join(", ", ISSUER_KEYS));
                }
                if (!ISSUER_NAME.matcher(name).matches()) {
                    throw new ConfigurationException(settings.key("issuers." + relative), "names a trusted issuer '"
                            + name + "'; a name is made of letters, digits, '-' and '_'");
                }
                dotted.add(name);
            } else {
                for (String key : keysByLength) {
                    String suffix = "_" + ConfigSource.environmentName(key);
                    if (relative.endsWith(suffix) && relative.length() > suffix.length()) {
                        environment.add(relative.substring(0, relative.length() - suffix.length())
                                .toLowerCase(Locale.ROOT));
                        break;
                    }
                }
            }
        }
        Set<String> names = new TreeSet<>(dotted);
        environment.stream().filter(name -> dotted.stream().noneMatch(name::equalsIgnoreCase)).forEach(names::add);
        return names;
    }

    /**
     * The issuer name of {@code old.idp.jwks.uri}, an environment variable as Liberty lists it (lower case, dots
     * for underscores), in the environment's spelling ({@code old_idp}); empty when no known key ends it.
     */
    private static Optional<String> environmentNameBefore(String relative, List<String> keysByLength) {
        for (String key : keysByLength) {
            String suffix = "." + key.replace('-', '.');
            if (relative.endsWith(suffix) && relative.length() > suffix.length()) {
                String name = relative.substring(0, relative.length() - suffix.length()).replace('.', '_');
                if (ISSUER_NAME.matcher(name).matches()) {
                    return Optional.of(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.empty();
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
        return hmacSecret(settings, "hmac-secret");
    }

    private static Optional<HmacSecret> hmacSecret(Settings settings, String key) {
        Optional<char[]> raw = settings.secret(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        char[] chars = raw.get();
        try {
            return Optional.of(HmacSecret.of(chars));
        } catch (IllegalArgumentException e) {
            // The message is ours and holds no part of the secret.
            throw new ConfigurationException(settings.key(key), e.getMessage());
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static Optional<IntrospectionConfig> introspection(Settings settings, Timing timing,
                                                               Optional<String> issuer, Set<String> audiences) {
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
                timing.connectTimeout(), timing.readTimeout(), issuer, audiences));
    }

    private static PlainHeadersConfig plainHeaders(Settings settings) {
        Optional<Boolean> enabled = settings.string("enabled").map(raw -> settings.bool("enabled", false));
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
