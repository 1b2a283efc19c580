package dev.tollgate.impl.client.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.client.OAuth2Client;
import dev.tollgate.api.client.TokenClient;
import dev.tollgate.impl.client.AuthorizationCodeFlow;
import dev.tollgate.impl.client.FakeServer;
import dev.tollgate.impl.client.FakeServer.Answer;
import dev.tollgate.impl.client.jaxrs.OAuth2JaxrsClientProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The producers and the deployment check in a real CDI container (Weld SE), configured by system properties. */
class OAuth2ClientCdiTest {

    @ApplicationScoped
    static class RyvnService {
        @Inject
        @OAuth2Client("cdiryvn")
        TokenClient tokens;

        @Inject
        @OAuth2Client("cdiryvn")
        TokenClient sameTokens;

        @Inject
        @OAuth2Client("cdiryvn")
        Client api;

        @Inject
        @OAuth2Client("cdiweb")
        AuthorizationCodeFlow flow;

        // read through methods: the bean is reached through its client proxy
        TokenClient tokens() {
            return tokens;
        }

        TokenClient sameTokens() {
            return sameTokens;
        }

        Client api() {
            return api;
        }

        AuthorizationCodeFlow flow() {
            return flow;
        }
    }

    @Dependent
    static class Misconfigured {
        @Inject
        @OAuth2Client("cdibroken")
        TokenClient tokens;
    }

    private FakeServer server;
    private Map<String, String> properties;

    @BeforeEach
    void start() {
        server = FakeServer.start();
        server.issuing("/token", "tok", 3600L);
        server.otherwise("/api", r -> Answer.of(200, "ok"));
        properties = Map.of(
                "tollgate.client.cdiryvn.token-url", server.uri("/token").toString(),
                "tollgate.client.cdiryvn.client-id", "svc",
                "tollgate.client.cdiryvn.client-secret", "secret",
                "tollgate.client.cdiweb.grant-type", "authorization_code",
                "tollgate.client.cdiweb.token-url", server.uri("/token").toString(),
                "tollgate.client.cdiweb.authorization-url", server.uri("/authorize").toString(),
                "tollgate.client.cdiweb.redirect-uri", "https://app.example/callback",
                "tollgate.client.cdiweb.client-id", "web",
                "tollgate.client.cdibroken.client-id", "svc");
        properties.forEach(System::setProperty);
    }

    @AfterEach
    void stop() {
        properties.keySet().forEach(System::clearProperty);
        server.close();
    }

    private static Weld weld(Class<?>... beans) {
        return new Weld().disableDiscovery()
                .addBeanClasses(TokenClientRegistry.class, OAuth2ClientProducer.class, OAuth2JaxrsClientProducer.class)
                .addBeanClasses(beans)
                .addExtension(new OAuth2ClientExtension());
    }

    @Test
    void injectedTokenClientAndJaxrsClientUseTheNamedConfiguration() {
        try (WeldContainer container = weld(RyvnService.class).initialize()) {
            RyvnService service = container.select(RyvnService.class).get();

            assertEquals("tok-1", service.tokens().accessToken().value());
            assertSame(service.tokens(), service.sameTokens(), "one client per name");
            try (Response r = service.api().target(server.uri("/api")).request().get()) {
                assertEquals(200, r.getStatus());
            }
            assertEquals("Bearer tok-1", server.last("/api").header("Authorization"));
            assertTrue(service.flow().start("alice").uri().toString().startsWith(server.uri("/authorize").toString()));
            assertEquals(1, server.count("/token"));
        }
    }

    @Test
    void registryLookupServesCodeThatIsNotABean() {
        try (WeldContainer container = weld(RyvnService.class).initialize()) {
            assertSame(container.select(RyvnService.class).get().tokens(), TokenClientRegistry.lookup("cdiryvn"));
        }
    }

    @Test
    void wrongConfigurationFailsTheDeploymentNamingTheKey() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> weld(Misconfigured.class).initialize());
        assertTrue(String.valueOf(e.getMessage()).contains("tollgate.client.cdibroken.token-url"), e.getMessage());
    }
}
