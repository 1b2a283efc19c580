package dev.tollgate.impl.client;

import dev.tollgate.impl.protocol.ServerMetadata;
import java.net.URI;
import java.net.http.HttpClient;
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
    private volatile ServerMetadata discovered;

    ServerConnection(ClientConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.executor = Executors.newCachedThreadPool(daemonThreads("tollgate-client-" + config.name()));
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.exchanges = new AuthorizationServerExchanges(config, http, clock);
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

    /** The revocation endpoint: configured, discovered, or none. */
    Optional<URI> revocationUri() throws EndpointException, InterruptedException {
        if (config.revocationUrl().isPresent() || config.issuer().isEmpty()) {
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
        return Optional.ofNullable(discovered);
    }

    /**
     * The issuer's metadata, discovered on first need and kept. The endpoints it names are used only where none is
     * configured ({@link #tokenUri()}, {@link #revocationUri()}, {@link #authorizationUri()}).
     */
    ServerMetadata metadata() throws EndpointException, InterruptedException {
        ServerMetadata m = discovered;
        if (m != null) {
            return m;
        }
        synchronized (this) {
            if (discovered == null) {
                URI issuer = config.issuer().orElseThrow(() -> new IllegalStateException("no issuer configured"));
                discovered = exchanges.discover(issuer);
            }
            return discovered;
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
