package dev.tollgate.impl.client;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The validated, immutable configuration of one outbound client, read once from the keys under
 * {@code tollgate.client.<name>.}. Every wrong or missing key throws a {@link ConfigurationException} naming the
 * full key; secrets are never echoed.
 *
 * <table>
 * <caption>Keys under {@code tollgate.client.<name>.}</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code token-url}</td><td>discovered</td><td>The token endpoint. Required unless {@code issuer} is set.
 *     {@code https}; plain {@code http} only to a loopback address (or with {@code allow-insecure-http}).</td></tr>
 * <tr><td>{@code issuer}</td><td>none</td><td>The authorization server's issuer. When set, the endpoints that are
 *     not configured are discovered on first use from {@code {issuer}/.well-known/oauth-authorization-server}
 *     (RFC 8414), then {@code {issuer}/.well-known/openid-configuration}; the metadata's {@code issuer} must match.
 *     Also the expected {@code iss} of authorization responses (RFC 9207).</td></tr>
 * <tr><td>{@code revocation-url}</td><td>discovered</td><td>The RFC 7009 revocation endpoint, for
 *     {@code revoke-on-shutdown} and user logout.</td></tr>
 * <tr><td>{@code authorization-url}</td><td>discovered</td><td>The authorization endpoint, for grant-type
 *     {@code authorization_code}.</td></tr>
 * <tr><td>{@code redirect-uri}</td><td>none</td><td>This application's callback; required for
 *     {@code authorization_code}.</td></tr>
 * <tr><td>{@code client-id}</td><td>required</td><td>The client's id.</td></tr>
 * <tr><td>{@code client-secret}</td><td>none</td><td>The client's secret; required for
 *     {@code client_credentials} and for the {@code client_secret_*} methods.</td></tr>
 * <tr><td>{@code grant-type}</td><td>{@code client_credentials}</td><td>{@code client_credentials},
 *     {@code password}, {@code refresh_token} or {@code authorization_code}.</td></tr>
 * <tr><td>{@code username}, {@code password}</td><td>none</td><td>The resource owner's credentials; required for
 *     {@code password}.</td></tr>
 * <tr><td>{@code refresh-token}</td><td>none</td><td>The initial refresh token; required for
 *     {@code refresh_token}. Rotated tokens replace it in memory only.</td></tr>
 * <tr><td>{@code scope}</td><td>none</td><td>Scopes to request, separated by spaces or commas.</td></tr>
 * <tr><td>{@code audience}</td><td>none</td><td>Sent as the {@code audience} parameter.</td></tr>
 * <tr><td>{@code resource}</td><td>none</td><td>RFC 8707 resource indicators, comma-separated absolute URIs
 *     without fragment; each is sent as a {@code resource} parameter.</td></tr>
 * <tr><td>{@code auth-method}</td><td>{@code client_secret_basic} with a secret, else {@code none}</td>
 *     <td>{@code client_secret_basic}, {@code client_secret_post}, {@code none}, {@code private_key_jwt} (RFC 7523
 *     §2.2: a signed assertion with the {@code client-assertion.*} key; {@link #authMethod()} is then {@code none}
 *     and {@link #privateKeyJwt()} true, as the shared enum has no such value yet), or {@code json}: the whole token
 *     request as one JSON object, RIPS style, with {@code client_id} (and {@code client_secret} when configured)
 *     in it, i.e. {@code client_secret_post} or {@code none} in a JSON body ({@link #jsonTokenRequests()}).</td></tr>
 * <tr><td>{@code refresh-skew}</td><td>{@code 30s}</td><td>Refresh this long before expiry (at most half the
 *     token's lifetime, and never sooner than 1 s after the token was obtained).</td></tr>
 * <tr><td>{@code connect-timeout}</td><td>{@code 2s}</td><td>TCP/TLS connect timeout.</td></tr>
 * <tr><td>{@code read-timeout}</td><td>{@code 10s}</td><td>Longest wait for a complete answer.</td></tr>
 * <tr><td>{@code revoke-on-shutdown}</td><td>{@code false}</td><td>On close, revoke the refresh token (or, without
 *     one, the access token) per RFC 7009. Not allowed with grant-type {@code refresh_token}.</td></tr>
 * <tr><td>{@code backoff-initial}</td><td>{@code 1s}</td><td>First back-off after a failed token request.</td></tr>
 * <tr><td>{@code backoff-max}</td><td>{@code 60s}</td><td>Longest back-off (Retry-After may ask for more).</td></tr>
 * <tr><td>{@code authorization-ttl}</td><td>{@code 10m}</td><td>How long a started authorization (its state
 *     and PKCE verifier) waits for the callback.</td></tr>
 * <tr><td>{@code dpop.enabled}</td><td>{@code false}</td><td>DPoP (RFC 9449): a proof on every token request
 *     and on every API call of the filters; {@code token_type: DPoP} tokens are sent with the {@code DPoP}
 *     scheme.</td></tr>
 * <tr><td>{@code dpop.key-file}, {@code dpop.key-password}, {@code dpop.key-alias}, {@code dpop.algorithm}</td>
 *     <td>a new EC P-256 key per client instance</td><td>The proof key: a PEM, JWK or PKCS#12 / JKS file
 *     ({@link SigningKey}).</td></tr>
 * <tr><td>{@code client-assertion.key-file}, {@code .key-password}, {@code .key-alias}, {@code .key-id},
 *     {@code .algorithm}</td><td>none</td><td>The key of {@code auth-method=private_key_jwt} (RFC 7523 §2.2);
 *     required with it.</td></tr>
 * <tr><td>{@code client-assertion.lifetime}</td><td>{@code 60s}</td><td>The assertion's {@code exp} after its
 *     {@code iat}; 1 s to 10 min.</td></tr>
 * <tr><td>{@code client-assertion.audience}</td><td>the issuer, else the endpoint</td><td>The assertion's
 *     {@code aud}.</td></tr>
 * <tr><td>{@code par}</td><td>{@code auto}</td><td>Pushed authorization requests (RFC 9126): {@code auto} when
 *     the server advertises {@code pushed_authorization_request_endpoint}, {@code always}, or {@code never}.</td></tr>
 * <tr><td>{@code par-url}</td><td>discovered</td><td>The PAR endpoint.</td></tr>
 * <tr><td>{@code resource-metadata-discovery}</td><td>{@code false}</td><td>On a 401 with
 *     {@code resource_metadata} (RFC 9728 §5), find the authorization server from the protected resource and
 *     configure the token endpoint from it.</td></tr>
 * <tr><td>{@code resource-metadata-issuers}</td><td>none</td><td>The authorization servers (issuer URLs) discovery
 *     may choose; required with {@code resource-metadata-discovery}.</td></tr>
 * <tr><td>{@code allow-insecure-http}</td><td>{@code false}</td><td><b>Sends the client's credentials in clear
 *     text.</b> Allows {@code http} endpoints on hosts other than loopback, for test set-ups only.</td></tr>
 * </table>
 *
 * <p>Durations are {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}).
 */
public record ClientConfig(
        String name,
        Optional<URI> tokenUrl,
        Optional<URI> issuer,
        Optional<URI> revocationUrl,
        Optional<URI> authorizationUrl,
        Optional<URI> redirectUri,
        String clientId,
        Optional<Secret> clientSecret,
        GrantType grantType,
        Optional<String> username,
        Optional<Secret> password,
        Optional<Secret> refreshToken,
        List<String> scopes,
        Optional<String> audience,
        List<URI> resources,
        ClientAuthMethod authMethod,
        boolean jsonTokenRequests,
        Duration refreshSkew,
        Duration connectTimeout,
        Duration readTimeout,
        boolean revokeOnShutdown,
        Duration backoffInitial,
        Duration backoffMax,
        Duration authorizationTtl,
        boolean dpop,
        Optional<SigningKey> dpopKey,
        Optional<SigningKey> assertionKey,
        Duration assertionLifetime,
        Optional<String> assertionAudience,
        ParMode par,
        Optional<URI> parUrl,
        boolean resourceMetadataDiscovery,
        List<URI> resourceMetadataIssuers) {

    /** When the authorization-code helper pushes its request (RFC 9126). */
    public enum ParMode {
        /** When the server's metadata names a {@code pushed_authorization_request_endpoint}. */
        AUTO,
        /** Always; the endpoint is configured ({@code par-url}) or discovered. */
        ALWAYS,
        /** Never. */
        NEVER
    }

    /** The {@code auth-method} of RFC 7523 §2.2, a signed JWT instead of a secret. */
    static final String PRIVATE_KEY_JWT = "private_key_jwt";
    public static final Duration DEFAULT_ASSERTION_LIFETIME = Duration.ofSeconds(60);

    /** The prefix of every client's keys. */
    public static final String PREFIX = "tollgate.client.";
    /**
     * The {@code auth-method} that is not a client authentication method but a body encoding: token requests as one
     * JSON object, as the RIPS token endpoint expects (not in RFC 6749, whose requests are forms).
     */
    static final String JSON_AUTH_METHOD = "json";

    public static final Duration DEFAULT_REFRESH_SKEW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(60);
    public static final Duration DEFAULT_AUTHORIZATION_TTL = Duration.ofMinutes(10);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    public ClientConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clientId, "clientId");
        scopes = List.copyOf(scopes);
        resources = List.copyOf(resources);
        resourceMetadataIssuers = List.copyOf(resourceMetadataIssuers);
    }

    /** Whether the client authenticates with {@code private_key_jwt} (RFC 7523 §2.2). */
    public boolean privateKeyJwt() {
        return assertionKey.isPresent();
    }

    /** Reads {@code tollgate.client.<name>.*} from {@code source}. */
    public static ClientConfig read(String name, ConfigSource source) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigurationException(PREFIX + name,
                    "a client name is letters, digits, '-' and '_' only");
        }
        return from(name, new Settings(source, PREFIX + name + "."));
    }

    /** Reads the client named {@code name} from the keys of {@code s} (whose prefix ends in {@code <name>.}). */
    static ClientConfig from(String name, Settings s) {
        boolean allowHttp = s.bool("allow-insecure-http", false);
        Optional<URI> issuer = endpoint(s, "issuer", allowHttp);
        Optional<URI> tokenUrl = endpoint(s, "token-url", allowHttp);
        boolean resourceMetadataDiscovery = s.bool("resource-metadata-discovery", false);
        List<URI> resourceMetadataIssuers = new ArrayList<>();
        for (String raw : s.list("resource-metadata-issuers", List.of())) {
            URI allowed = absoluteUri(s, "resource-metadata-issuers", raw);
            if (!allowed.getScheme().equalsIgnoreCase("https") && !allowed.getScheme().equalsIgnoreCase("http")) {
                throw new ConfigurationException(s.key("resource-metadata-issuers"), "must be http(s) URLs, was '"
                        + raw + "'");
            }
            resourceMetadataIssuers.add(allowed);
        }
        if (resourceMetadataDiscovery && resourceMetadataIssuers.isEmpty()) {
            throw new ConfigurationException(s.key("resource-metadata-issuers"),
                    "is required with resource-metadata-discovery=true: the authorization servers it may choose");
        }
        if (tokenUrl.isEmpty() && issuer.isEmpty() && !resourceMetadataDiscovery) {
            throw new ConfigurationException(s.key("token-url"),
                    "is required (or set " + s.key("issuer") + " to discover it, or "
                            + s.key("resource-metadata-discovery") + "=true)");
        }
        Optional<URI> revocationUrl = endpoint(s, "revocation-url", allowHttp);
        Optional<URI> authorizationUrl = endpoint(s, "authorization-url", allowHttp);
        Optional<URI> redirectUri = s.string("redirect-uri").map(raw -> absoluteUri(s, "redirect-uri", raw));

        String clientId = s.required("client-id");
        Optional<Secret> clientSecret = s.secret("client-secret").map(chars -> new Secret(new String(chars)));

        GrantType grantType = s.string("grant-type")
                .map(raw -> GrantType.parse(raw.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                        new ConfigurationException(s.key("grant-type"), "must be one of "
                                + Arrays.stream(GrantType.values()).map(GrantType::value).toList() + ", was '" + raw
                                + "'")))
                .orElse(GrantType.CLIENT_CREDENTIALS);

        Optional<String> configuredMethod = s.string("auth-method");
        boolean jsonTokenRequests = configuredMethod
                .map(raw -> raw.toLowerCase(Locale.ROOT).equals(JSON_AUTH_METHOD)).orElse(false);
        boolean privateKeyJwt = configuredMethod
                .map(raw -> raw.toLowerCase(Locale.ROOT).equals(PRIVATE_KEY_JWT)).orElse(false);
        Optional<SigningKey> assertionKey = SigningKey.read(s, "client-assertion.");
        if (privateKeyJwt && assertionKey.isEmpty()) {
            throw new ConfigurationException(s.key("client-assertion.key-file"),
                    "is required with auth-method private_key_jwt");
        }
        if (!privateKeyJwt && assertionKey.isPresent()) {
            throw new ConfigurationException(s.key("client-assertion.key-file"),
                    "is set, but auth-method is not private_key_jwt");
        }
        if (privateKeyJwt && clientSecret.isPresent()) {
            throw new ConfigurationException(s.key("client-secret"),
                    "must not be set with auth-method private_key_jwt");
        }
        ClientAuthMethod authMethod;
        if (privateKeyJwt) {
            // the assertion replaces any other client authentication; client_id goes in the body as with none
            authMethod = ClientAuthMethod.NONE;
        } else if (jsonTokenRequests) {
            // the credentials go into the JSON body as they would into a form
            authMethod = clientSecret.isPresent() ? ClientAuthMethod.CLIENT_SECRET_POST : ClientAuthMethod.NONE;
        } else {
            authMethod = configuredMethod
                    .map(raw -> ClientAuthMethod.parse(raw.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                            new ConfigurationException(s.key("auth-method"), "must be one of " + authMethodValues()
                                    + ", was '" + raw + "'")))
                    .orElse(clientSecret.isPresent() ? ClientAuthMethod.CLIENT_SECRET_BASIC : ClientAuthMethod.NONE);
        }
        if (authMethod.usesClientSecret() && clientSecret.isEmpty()) {
            throw new ConfigurationException(s.key("client-secret"),
                    "is required with auth-method " + authMethod.value());
        }
        if (authMethod == ClientAuthMethod.NONE && clientSecret.isPresent()) {
            throw new ConfigurationException(s.key("auth-method"),
                    "is none, but a client secret is configured; choose client_secret_basic, client_secret_post"
                            + " or json, or remove " + s.key("client-secret"));
        }

        Optional<String> username = s.string("username");
        Optional<Secret> password = s.secret("password").map(chars -> new Secret(new String(chars)));
        Optional<Secret> refreshToken = s.secret("refresh-token").map(chars -> new Secret(new String(chars)));
        switch (grantType) {
            // RFC 6749 §4.4: "The client credentials grant type MUST only be used by confidential clients."
            case CLIENT_CREDENTIALS -> {
                if (clientSecret.isEmpty() && !privateKeyJwt) {
                    throw new ConfigurationException(s.key("client-secret"),
                            "is required with grant-type client_credentials (or auth-method private_key_jwt)");
                }
            }
            case PASSWORD -> {
                if (username.isEmpty()) {
                    throw new ConfigurationException(s.key("username"), "is required with grant-type password");
                }
                if (password.isEmpty()) {
                    throw new ConfigurationException(s.key("password"), "is required with grant-type password");
                }
            }
            case REFRESH_TOKEN -> {
                if (refreshToken.isEmpty()) {
                    throw new ConfigurationException(s.key("refresh-token"),
                            "is required with grant-type refresh_token");
                }
            }
            case AUTHORIZATION_CODE -> {
                if (redirectUri.isEmpty()) {
                    throw new ConfigurationException(s.key("redirect-uri"),
                            "is required with grant-type authorization_code");
                }
                if (authorizationUrl.isEmpty() && issuer.isEmpty() && !resourceMetadataDiscovery) {
                    throw new ConfigurationException(s.key("authorization-url"),
                            "is required with grant-type authorization_code (or set " + s.key("issuer")
                                    + " to discover it)");
                }
            }
        }

        List<String> scopes = scopes(s);
        Optional<String> audience = s.string("audience");
        List<URI> resources = resources(s);

        Duration refreshSkew = s.duration("refresh-skew", DEFAULT_REFRESH_SKEW);
        Duration connectTimeout = positive(s, "connect-timeout", DEFAULT_CONNECT_TIMEOUT);
        Duration readTimeout = positive(s, "read-timeout", DEFAULT_READ_TIMEOUT);
        Duration backoffInitial = positive(s, "backoff-initial", DEFAULT_BACKOFF_INITIAL);
        Duration backoffMax = positive(s, "backoff-max", DEFAULT_BACKOFF_MAX);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new ConfigurationException(s.key("backoff-max"),
                    "must not be shorter than backoff-initial (" + backoffInitial + ")");
        }
        Duration authorizationTtl = positive(s, "authorization-ttl", DEFAULT_AUTHORIZATION_TTL);

        boolean revokeOnShutdown = s.bool("revoke-on-shutdown", false);
        if (revokeOnShutdown) {
            if (grantType == GrantType.REFRESH_TOKEN) {
                throw new ConfigurationException(s.key("revoke-on-shutdown"),
                        "cannot be true with grant-type refresh_token: it would revoke the configured refresh token");
            }
            if (revocationUrl.isEmpty() && issuer.isEmpty()) {
                throw new ConfigurationException(s.key("revocation-url"),
                        "is required with revoke-on-shutdown (or set " + s.key("issuer") + " to discover it)");
            }
        }

        boolean dpop = s.bool("dpop.enabled", false);
        Optional<SigningKey> dpopKey = SigningKey.read(s, "dpop.");
        if (!dpop && dpopKey.isPresent()) {
            throw new ConfigurationException(s.key("dpop.key-file"), "is set, but " + s.key("dpop.enabled")
                    + " is not true");
        }
        Duration assertionLifetime = s.duration("client-assertion.lifetime", DEFAULT_ASSERTION_LIFETIME);
        if (assertionLifetime.compareTo(Duration.ofSeconds(1)) < 0
                || assertionLifetime.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigurationException(s.key("client-assertion.lifetime"),
                    "must be between 1s and 10m, was " + assertionLifetime);
        }
        Optional<String> assertionAudience = s.string("client-assertion.audience");
        ParMode par = s.string("par").map(raw -> {
            try {
                return ParMode.valueOf(raw.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(s.key("par"), "must be auto, always or never, was '" + raw + "'");
            }
        }).orElse(ParMode.AUTO);
        Optional<URI> parUrl = endpoint(s, "par-url", allowHttp);
        if (par == ParMode.ALWAYS && parUrl.isEmpty() && issuer.isEmpty() && !resourceMetadataDiscovery) {
            throw new ConfigurationException(s.key("par-url"),
                    "is required with par=always (or set " + s.key("issuer") + " to discover it)");
        }

        return new ClientConfig(name, tokenUrl, issuer, revocationUrl, authorizationUrl, redirectUri, clientId,
                clientSecret, grantType, username, password, refreshToken, scopes, audience, resources, authMethod,
                jsonTokenRequests, refreshSkew, connectTimeout, readTimeout, revokeOnShutdown, backoffInitial,
                backoffMax, authorizationTtl, dpop, dpopKey, assertionKey, assertionLifetime, assertionAudience,
                par, parUrl, resourceMetadataDiscovery, resourceMetadataIssuers);
    }

    /** The full key of {@code relativeKey} for this client, for messages. */
    public String key(String relativeKey) {
        return PREFIX + name + "." + relativeKey;
    }

    /** The {@code scope} parameter: the scopes separated by single spaces, or empty. */
    public Optional<String> scopeParameter() {
        return scopes.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", scopes));
    }

    private static Optional<URI> endpoint(Settings s, String key, boolean allowHttp) {
        Optional<URI> uri = s.httpUri(key);
        uri.ifPresent(u -> {
            if (u.getRawFragment() != null) {
                throw new ConfigurationException(s.key(key), "must not have a fragment");
            }
            // RFC 6749 §3.2: the token endpoint MUST be reached over TLS; loopback is allowed for local set-ups.
            if (u.getScheme().equalsIgnoreCase("http") && !allowHttp && !isLoopback(u.getHost())) {
                throw new ConfigurationException(s.key(key), "must be https (plain http is allowed only to a"
                        + " loopback address, or with " + s.key("allow-insecure-http") + "=true), was '" + u + "'");
            }
        });
        return uri;
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name is never resolved here.
        if (h.matches("[0-9.]+") || h.contains(":")) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static URI absoluteUri(Settings s, String key, String raw) {
        try {
            URI uri = new URI(raw);
            if (!uri.isAbsolute()) {
                throw new ConfigurationException(s.key(key), "must be an absolute URI, was '" + raw + "'");
            }
            if (uri.getRawFragment() != null) {
                throw new ConfigurationException(s.key(key), "must not have a fragment, was '" + raw + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigurationException(s.key(key), "must be an absolute URI, was '" + raw + "'");
        }
    }

    private static List<String> scopes(Settings s) {
        Optional<String> raw = s.string("scope");
        if (raw.isEmpty()) {
            return List.of();
        }
        List<String> scopes = new ArrayList<>();
        for (String token : raw.get().split("[\\s,]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (!SCOPE_TOKEN.matcher(token).matches()) {
                throw new ConfigurationException(s.key("scope"), "has an invalid scope token '" + token + "'");
            }
            if (!scopes.contains(token)) {
                scopes.add(token);
            }
        }
        return scopes;
    }

    /** RFC 8707 §2: "absolute URI ... MUST NOT include a fragment component". */
    private static List<URI> resources(Settings s) {
        List<URI> resources = new ArrayList<>();
        for (String raw : s.list("resource", List.of())) {
            resources.add(absoluteUri(s, "resource", raw));
        }
        return resources;
    }

    private static Duration positive(Settings s, String key, Duration defaultValue) {
        Duration value = s.duration(key, defaultValue);
        if (value.isZero()) {
            throw new ConfigurationException(s.key(key), "must be longer than zero");
        }
        return value;
    }

    /** The {@code auth-method} values: the client authentication methods, then {@code json}. */
    private static List<String> authMethodValues() {
        return Stream.concat(Arrays.stream(ClientAuthMethod.values()).map(ClientAuthMethod::value),
                Stream.of(PRIVATE_KEY_JWT, JSON_AUTH_METHOD)).toList();
    }
}
