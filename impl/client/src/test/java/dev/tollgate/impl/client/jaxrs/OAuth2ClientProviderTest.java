package dev.tollgate.impl.client.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.OAuth2Client;
import dev.tollgate.api.client.TokenClient;
import dev.tollgate.impl.client.FakeServer;
import dev.tollgate.impl.client.FakeServer.Answer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's name resolution, on a plain JAX-RS client that sets the request property an MP Rest Client sets
 * ({@code org.eclipse.microprofile.rest.client.invokedMethod}).
 */
class OAuth2ClientProviderTest {

    @OAuth2Client("ryvn")
    @RegisterRestClient(configKey = "ignored")
    interface RyvnApi {
        @GET
        String items();

        @GET
        @OAuth2Client("ryvn-admin")
        String admin();
    }

    @RegisterRestClient(configKey = "snyk")
    interface SnykApi {
        @GET
        String projects();
    }

    interface Unnamed {
        @GET
        String anything();
    }

    private FakeServer server;
    private final Map<String, AtomicInteger> lookups = Map.of("ryvn", new AtomicInteger(),
            "ryvn-admin", new AtomicInteger(), "snyk", new AtomicInteger(), "plain", new AtomicInteger());
    private Client client;

    /** A token client whose token is its name. */
    private TokenClient named(String name) {
        lookups.get(name).incrementAndGet();
        return new TokenClient() {
            @Override
            public AccessToken accessToken() {
                return new AccessToken("token-of-" + name, "Bearer", Optional.empty(), null);
            }

            @Override
            public void invalidate(AccessToken rejected) {
            }
        };
    }

    @BeforeEach
    void start() {
        server = FakeServer.start();
        server.otherwise("/api", r -> Answer.of(200, "ok"));
        client = ClientBuilder.newClient().register(new OAuth2ClientProvider(this::named));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private String authorizationFor(Method invoked) {
        try (Response r = client.target(server.uri("/api")).request()
                .property(OAuth2ClientProvider.INVOKED_METHOD, invoked).get()) {
            assertEquals(200, r.getStatus());
        }
        return server.last("/api").header("Authorization");
    }

    @Test
    void nameComesFromTheAnnotationOnTheInterface() throws Exception {
        assertEquals("Bearer token-of-ryvn", authorizationFor(RyvnApi.class.getMethod("items")));
    }

    @Test
    void annotationOnTheMethodWins() throws Exception {
        assertEquals("Bearer token-of-ryvn-admin", authorizationFor(RyvnApi.class.getMethod("admin")));
    }

    @Test
    void configKeyOfRegisterRestClientIsTheFallback() throws Exception {
        assertEquals("Bearer token-of-snyk", authorizationFor(SnykApi.class.getMethod("projects")));
    }

    @Test
    void tokenClientIsLookedUpOncePerName() throws Exception {
        for (int i = 0; i < 5; i++) {
            authorizationFor(SnykApi.class.getMethod("projects"));
        }
        assertEquals(1, lookups.get("snyk").get());
    }

    @Test
    void clientPropertyNamesTheClientForPlainJaxrs() {
        try (Client plain = ClientBuilder.newBuilder().property(OAuth2ClientProvider.CLIENT_NAME, "plain")
                .register(new OAuth2ClientProvider(this::named)).build()) {
            plain.target(server.uri("/api")).request().get().close();
        }
        assertEquals("Bearer token-of-plain", server.last("/api").header("Authorization"));
    }

    @Test
    void anInterfaceWithoutANameIsAClearError() throws Exception {
        Method m = Unnamed.class.getMethod("anything");
        ProcessingException e = assertThrows(ProcessingException.class,
                () -> client.target(server.uri("/api")).request().property(OAuth2ClientProvider.INVOKED_METHOD, m)
                        .get().close());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(0, server.count("/api"));
    }

    @Test
    void aGivenTokenClientNeedsNoName() {
        try (Client fixed = ClientBuilder.newClient().register(new OAuth2ClientProvider(named("ryvn")))) {
            fixed.target(server.uri("/api")).request().get().close();
        }
        assertEquals("Bearer token-of-ryvn", server.last("/api").header("Authorization"));
    }
}
