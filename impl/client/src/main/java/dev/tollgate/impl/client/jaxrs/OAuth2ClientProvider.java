package dev.tollgate.impl.client.jaxrs;

import dev.tollgate.api.client.OAuth2Client;
import dev.tollgate.api.client.TokenClient;
import dev.tollgate.impl.client.cdi.TokenClientRegistry;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link BearerClientFilter} for MicroProfile Rest Client interfaces (and any JAX-RS client), choosing the
 * configured client by name.
 *
 * <pre>{@code
 * @RegisterRestClient(configKey = "ryvn")
 * @RegisterProvider(OAuth2ClientProvider.class)
 * @OAuth2Client("ryvn")             // optional: without it the configKey is the client name
 * public interface RyvnApi { ... }
 * }</pre>
 *
 * <p>The client name is, in this order: the {@value #CLIENT_NAME} property of the client (e.g.
 * {@code RestClientBuilder.newBuilder().property(OAuth2ClientProvider.CLIENT_NAME, "ryvn")}); {@link OAuth2Client}
 * on the invoked interface method, then on the interface; the interface's {@code @RegisterRestClient(configKey)}.
 * The interface and method come from the {@code org.eclipse.microprofile.rest.client.invokedMethod} request
 * property that every MicroProfile Rest Client implementation sets. The {@link TokenClient} for the name comes from
 * CDI ({@link TokenClientRegistry}) on first use, so a configuration error shows on the first call.
 *
 * <p>Without CDI, pass the token client: {@code RestClientBuilder.newBuilder().register(new
 * OAuth2ClientProvider(tokenClient))}.
 */
@Priority(Priorities.AUTHENTICATION)
public class OAuth2ClientProvider implements ClientRequestFilter, ClientResponseFilter {

    /** Client or request property: the name of the client whose token goes on the calls. */
    public static final String CLIENT_NAME = "dev.tollgate.client.name";
    /** Set by MicroProfile Rest Client implementations on every request (MP Rest Client 1.1+). */
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";
    private static final String REGISTER_REST_CLIENT = "org.eclipse.microprofile.rest.client.inject.RegisterRestClient";

    private final Function<String, TokenClient> resolver;
    private final BearerClientFilter fixed;
    private final ConcurrentHashMap<String, BearerClientFilter> byName = new ConcurrentHashMap<>();

    /** For {@code @RegisterProvider(OAuth2ClientProvider.class)}: token clients by name from CDI. */
    public OAuth2ClientProvider() {
        this(TokenClientRegistry::lookup);
    }

    /** Every call gets the token of {@code tokens}; no name is needed. */
    public OAuth2ClientProvider(TokenClient tokens) {
        this.resolver = null;
        this.fixed = new BearerClientFilter(tokens);
    }

    /** Token clients by name from {@code resolver}. */
    public OAuth2ClientProvider(Function<String, TokenClient> resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.fixed = null;
    }

    @Override
    public void filter(ClientRequestContext request) {
        filterFor(request).filter(request);
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        filterFor(request).filter(request, response);
    }

    private BearerClientFilter filterFor(ClientRequestContext request) {
        if (fixed != null) {
            return fixed;
        }
        String name = clientName(request);
        // When resolution throws, nothing is recorded: a configuration error reaches every caller, it is not cached.
        return byName.computeIfAbsent(name, n -> new BearerClientFilter(resolver.apply(n)));
    }

    static String clientName(ClientRequestContext request) {
        Object configured = request.getProperty(CLIENT_NAME);
        if (configured == null) {
            configured = request.getConfiguration().getProperty(CLIENT_NAME);
        }
        if (configured instanceof String s && !s.isBlank()) {
            return s;
        }
        if (request.getProperty(INVOKED_METHOD) instanceof Method method) {
            OAuth2Client onMethod = method.getAnnotation(OAuth2Client.class);
            if (onMethod != null && !onMethod.value().isBlank()) {
                return onMethod.value();
            }
            Class<?> api = method.getDeclaringClass();
            OAuth2Client onType = api.getAnnotation(OAuth2Client.class);
            if (onType != null && !onType.value().isBlank()) {
                return onType.value();
            }
            String configKey = configKey(api);
            if (configKey != null) {
                return configKey;
            }
            throw new IllegalStateException("OAuth2ClientProvider cannot tell which client " + api.getName()
                    + " uses: annotate it with @OAuth2Client(\"name\") or give @RegisterRestClient a configKey");
        }
        throw new IllegalStateException("OAuth2ClientProvider cannot tell which client this call uses: set the"
                + " client property " + CLIENT_NAME + ", or register new OAuth2ClientProvider(tokenClient)");
    }

    /** {@code @RegisterRestClient(configKey)}, read reflectively so that this class needs no MP Rest Client. */
    private static String configKey(Class<?> api) {
        for (Annotation a : api.getAnnotations()) {
            if (a.annotationType().getName().equals(REGISTER_REST_CLIENT)) {
                try {
                    Object key = a.annotationType().getMethod("configKey").invoke(a);
                    return key instanceof String s && !s.isBlank() ? s : null;
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
