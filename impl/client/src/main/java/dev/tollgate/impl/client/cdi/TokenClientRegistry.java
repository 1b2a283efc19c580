package dev.tollgate.impl.client.cdi;

import dev.tollgate.api.client.TokenClient;
import dev.tollgate.api.client.UserTokenStore;
import dev.tollgate.impl.client.AuthorizationCodeFlow;
import dev.tollgate.impl.client.ClientConfig;
import dev.tollgate.impl.client.DefaultTokenClient;
import dev.tollgate.impl.client.InMemoryUserTokenStore;
import dev.tollgate.impl.client.TokenClients;
import dev.tollgate.impl.config.ConfigSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's outbound clients, one per name, created on first use from {@code tollgate.client.<name>.*}
 * and closed when the application stops (which revokes their tokens when {@code revoke-on-shutdown} is set).
 *
 * <p>The authorization code flows keep user tokens in the application's {@link UserTokenStore} bean when there is
 * exactly one, else in a bounded {@link InMemoryUserTokenStore}.
 */
@ApplicationScoped
public class TokenClientRegistry {

    private static final Logger LOG = Logger.getLogger(TokenClientRegistry.class.getName());

    private final ConcurrentHashMap<String, DefaultTokenClient> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AuthorizationCodeFlow> flows = new ConcurrentHashMap<>();
    private volatile ConfigSource source;
    private volatile boolean closed;

    @Inject
    Instance<UserTokenStore> userTokenStores;

    /** The named client. Throws {@code ConfigurationException} naming the key when its configuration is wrong. */
    public TokenClient tokenClient(String name) {
        checkOpen();
        return clients.computeIfAbsent(name, n -> TokenClients.create(ClientConfig.read(n, source())));
    }

    /** The named client's configuration, read and validated. */
    public ClientConfig config(String name) {
        return ClientConfig.read(name, source());
    }

    /** The authorization code flow of the named client. */
    public AuthorizationCodeFlow authorizationCodeFlow(String name) {
        checkOpen();
        return flows.computeIfAbsent(name, n -> TokenClients.authorizationCodeFlow(ClientConfig.read(n, source()),
                userTokenStores != null && userTokenStores.isResolvable() ? userTokenStores.get()
                        : new InMemoryUserTokenStore()));
    }

    /** The named client from the CDI container of the calling application, for code that is not a bean. */
    public static TokenClient lookup(String name) {
        try {
            return CDI.current().select(TokenClientRegistry.class).get().tokenClient(name);
        } catch (IllegalStateException | LinkageError e) {
            throw new IllegalStateException("no CDI container to look up OAuth client '" + name + "'; without CDI"
                    + " build the client with TokenClients and pass it on", e);
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        clients.forEach((name, client) -> closeQuietly(name, client));
        flows.forEach((name, flow) -> closeQuietly(name, flow));
        clients.clear();
        flows.clear();
    }

    private ConfigSource source() {
        ConfigSource s = source;
        if (s == null) {
            s = ConfigSource.standard(key -> Optional.empty());
            source = s;
        }
        return s;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the application is stopping: OAuth clients are closed");
        }
    }

    private static void closeQuietly(String name, AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing OAuth client ''{0}'' failed: {1}", new Object[] {name, e.toString()});
        }
    }
}
