package dev.tollgate.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.it.client.app.CallerApplication;
import dev.tollgate.it.client.app.DemoApi;
import dev.tollgate.it.client.app.ProxyResource;
import dev.tollgate.it.support.DropInArchives;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token client as an application uses it in Liberty, configured only by MicroProfile Config: an injected
 * {@code @OAuth2Client("demo") TokenClient}, an injected JAX-RS {@code Client}, and a MicroProfile Rest Client
 * interface with {@code @RegisterProvider(OAuth2ClientProvider.class)}. Each calls the server's gate-protected
 * {@code /api/me} with a client_credentials token from the server's own token endpoint.
 */
@ExtendWith(ArquillianExtension.class)
class TokenClientInLibertyIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        String base = LibertyServer.baseUrl();
        String config = String.join("\n",
                "tollgate.gate.public-paths=/proxy/*",
                "tollgate.client.demo.token-url=" + base + "/oauth2/token",
                "tollgate.client.demo.client-id=it-service",
                "tollgate.client.demo.client-secret=it-service-secret-0123456789",
                "tollgate.client.demo.scope=read aud:tollgate-demo",
                "demo/mp-rest/url=" + base,
                "");
        return ShrinkWrap.create(WebArchive.class, "token-client-app.war")
                .addClasses(CallerApplication.class, DemoApi.class, ProxyResource.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addAsLibraries(DropInArchives.bundle("gate", "client"));
    }

    @ArquillianResource
    URL app;

    @Test
    void injectedTokenClientGivesABearerToken() {
        HttpResponse<String> response = get("proxy/token");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("bearer", response.body());
    }

    @Test
    void injectedJaxrsClientCallsTheProtectedApiWithTheToken() {
        HttpResponse<String> response = get("proxy/jaxrs");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("it-service", Problems.json(response).get("subject"));
    }

    @Test
    void restClientInterfaceCallsTheProtectedApiWithTheToken() {
        HttpResponse<String> response = get("proxy/rest-client");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("it-service", Problems.json(response).get("subject"));
    }

    private HttpResponse<String> get(String path) {
        return LibertyServer.send(LibertyServer.requestTo(app.toString() + path).GET().build());
    }
}
