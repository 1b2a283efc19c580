package dev.tollgate.impl.client.jaxrs;

import dev.tollgate.api.client.OAuth2Client;
import dev.tollgate.impl.client.ClientConfig;
import dev.tollgate.impl.client.cdi.OAuth2ClientProducer;
import dev.tollgate.impl.client.cdi.TokenClientRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code @Inject @OAuth2Client("ryvn") jakarta.ws.rs.client.Client}: one shared JAX-RS client per name with the
 * {@link BearerClientFilter} registered, and the client's {@code connect-timeout} and {@code read-timeout}. The
 * clients are closed when the application stops; do not close them yourself. It lives with the JAX-RS integration,
 * on top of the CDI one ({@link TokenClientRegistry}, {@link OAuth2ClientProducer}), so that the CDI package needs
 * no JAX-RS and the two packages depend one way only.
 */
@ApplicationScoped
public class OAuth2JaxrsClientProducer {

    private final ConcurrentHashMap<String, Client> clients = new ConcurrentHashMap<>();

    @Inject
    TokenClientRegistry registry;

    @Produces
    @OAuth2Client("")
    Client jaxrsClient(InjectionPoint injectionPoint) {
        return clients.computeIfAbsent(OAuth2ClientProducer.name(injectionPoint), name -> {
            ClientConfig config = registry.config(name);
            return ClientBuilder.newBuilder()
                    .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .register(new BearerClientFilter(registry.tokenClient(name)))
                    .build();
        });
    }

    @PreDestroy
    void close() {
        clients.values().forEach(Client::close);
        clients.clear();
    }
}
