package dev.tollgate.impl.client;

import dev.tollgate.impl.protocol.ServerMetadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything one client needs to talk to its authorization server: the configuration, ONE long-lived
 * {@link HttpClient} (connect timeout set, redirects never followed: a token request must not be re-sent
 * elsewhere), the daemon threads it and background refreshes run on, and the endpoints — configured, or discovered
 * once from the issuer's metadata when one is needed and not configured.
 */
final class ServerConnection implements AutoCloseable {

    private final ClientConfig config;
    private final Clock clock;
    private final ExecutorService executor;
    private final HttpClient http;
    private final AuthorizationServerExchanges exchanges;
    private final Optional<DpopProofs> dpop;
    private volatile AuthorizationServerExchanges.Discovery discovered;
    /** The issuer chosen by RFC 9728 discovery, set together with {@link #discovered}. */
    private volatile URI resourceIssuer;

    ServerConnection(ClientConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.executor = Executors.newCachedThreadPool(daemonThreads("tollgate-client-" + config.name()));
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        SecureRandom random = new SecureRandom();
        this.dpop = config.dpop()
                ? Optional.of(new DpopProofs(config.dpopKey().orElseGet(SigningKey::generatedP256), clock, random))
                : Optional.empty();
        Optional<ClientAssertions> assertions = config.assertionKey().map(key -> new ClientAssertions(key,
                config.clientId(), config.assertionLifetime(), clock, random));
        this.exchanges = new AuthorizationServerExchanges(config, http, clock, dpop, assertions,
                this::assertionAudience);
    }

    /** RFC 7523 §3 point 3: the issuer identifies the authorization server; without one, the endpoint's URL. */
    private String assertionAudience(URI endpoint) {
        if (config.assertionAudience().isPresent()) {
            return config.assertionAudience().get();
        }
        if (config.issuer().isPresent()) {
            return config.issuer().get().toString();
        }
        URI chosen = resourceIssuer;
        return chosen != null ? chosen.toString() : endpoint.toString();
    }

    /** The client's DPoP proofs, when {@code dpop.enabled}. */
    Optional<DpopProofs> dpop() {
        return dpop;
    }

    HttpClient http() {
        return http;
    }

    ClientConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    AuthorizationServerExchanges exchanges() {
        return exchanges;
    }

    ExecutorService executor() {
        return executor;
    }

    /** The token endpoint: configured, or discovered. */
    URI tokenUri() throws EndpointException, InterruptedException {
        Optional<URI> configured = config.tokenUrl();
        // DiscoveredMetadata accepts no metadata without a token_endpoint
        return configured.isPresent() ? configured.get() : metadata().tokenEndpoint().orElseThrow();
    }

    /**
     * Whether the client still waits for RFC 9728 discovery: no token endpoint or issuer is configured and no
     * protected resource has named its authorization server yet.
     */
    boolean awaitingResourceDiscovery() {
        return config.tokenUrl().isEmpty() && config.issuer().isEmpty() && discovered == null;
    }

    /** The PAR endpoint (RFC 9126): configured, or discovered from the server's metadata. */
    Optional<URI> parUri() throws EndpointException, InterruptedException {
        if (config.parUrl().isPresent()) {
            return config.parUrl();
        }
        if (config.issuer().isEmpty() && discovered == null) {
            return Optional.empty();
        }
        metadata();
        return discovered.parEndpoint();
    }

    /**
     * RFC 9728 §5: configures the token endpoint from the protected resource that answered a request to
     * {@code requestUri} with 401 and {@code resource_metadata} — when {@code resource-metadata-discovery} allows it
     * and nothing is configured or discovered yet. Either everything is set (the issuer and its metadata), or
     * nothing is and the exception says why.
     *
     * @return true when this call configured the client
     */
    boolean discoverFromResource(URI requestUri, String resourceMetadataUrl)
            throws EndpointException, InterruptedException {
        if (!config.resourceMetadataDiscovery() || !awaitingResourceDiscovery()) {
            return false;
        }
        synchronized (this) {
            if (discovered != null) {
                return false;
            }
            URI issuer = exchanges.resourceMetadata(requestUri, resourceMetadataUrl,
                    config.resourceMetadataIssuers());
            AuthorizationServerExchanges.Discovery found = exchanges.discoverDocument(issuer);
            resourceIssuer = issuer;
            discovered = found;
            return true;
        }
    }

    /** The revocation endpoint: configured, discovered, or none. */
    Optional<URI> revocationUri() throws EndpointException, InterruptedException {
        if (config.revocationUrl().isPresent() || config.issuer().isEmpty() && discovered == null) {
            return config.revocationUrl();
        }
        return metadata().revocationEndpoint();
    }

    /** The authorization endpoint: configured, or discovered. */
    URI authorizationUri() throws EndpointException, InterruptedException {
        Optional<URI> configured = config.authorizationUrl();
        if (configured.isPresent()) {
            return configured.get();
        }
        return metadata().authorizationEndpoint().orElseThrow(() -> EndpointException.noResponse(
                "OAuth client '" + config.name() + "': the issuer's metadata has no authorization_endpoint; set "
                        + config.key("authorization-url"), null));
    }

    /** The metadata, if it has been discovered (discovery happens only when an endpoint is not configured). */
    Optional<ServerMetadata> discovered() {
        AuthorizationServerExchanges.Discovery d = discovered;
        return d == null ? Optional.empty() : Optional.of(d.metadata());
    }

    /** The issuer: configured, or chosen by RFC 9728 discovery. */
    Optional<URI> issuer() {
        return config.issuer().or(() -> Optional.ofNullable(resourceIssuer));
    }

    /**
     * The issuer's metadata, discovered on first need and kept. The endpoints it names are used only where none is
     * configured ({@link #tokenUri()}, {@link #revocationUri()}, {@link #authorizationUri()}).
     */
    ServerMetadata metadata() throws EndpointException, InterruptedException {
        AuthorizationServerExchanges.Discovery m = discovered;
        if (m != null) {
            return m.metadata();
        }
        synchronized (this) {
            if (discovered == null) {
                if (config.issuer().isEmpty()) {
                    throw EndpointException.noResponse("OAuth client '" + config.name() + "' has no token endpoint"
                            + " yet: it is found from the first protected resource that answers 401 with"
                            + " resource_metadata (" + config.key("resource-metadata-discovery") + ")", null);
                }
                discovered = exchanges.discoverDocument(config.issuer().get());
            }
            return discovered.metadata();
        }
    }

    @Override
    public void close() {
        // In-flight exchanges finish (each has its deadline); nothing new starts. The HttpClient's own selector
        // thread ends when the client is no longer referenced (java.net.http has no close() before Java 21).
        executor.shutdown();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
