package dev.tollgate.it.client.app;

import dev.tollgate.api.client.OAuth2Client;
import dev.tollgate.api.client.TokenClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Calls the demo API three ways, each with the token of the outbound client "demo". */
@Path("/proxy")
@RequestScoped
public class ProxyResource {

    @Inject
    @OAuth2Client("demo")
    TokenClient tokens;

    @Inject
    @OAuth2Client("demo")
    Client client;

    @Inject
    @RestClient
    DemoApi api;

    @Inject
    @ConfigProperty(name = "demo/mp-rest/url")
    String demoUrl;

    @GET
    @Path("/token")
    @Produces(MediaType.TEXT_PLAIN)
    public String token() {
        return tokens.authorizationHeader().startsWith("Bearer ") ? "bearer" : "other";
    }

    @GET
    @Path("/jaxrs")
    @Produces(MediaType.APPLICATION_JSON)
    public String viaJaxrsClient() {
        return client.target(demoUrl).path("/api/me").request(MediaType.APPLICATION_JSON).get(String.class);
    }

    @GET
    @Path("/rest-client")
    @Produces(MediaType.APPLICATION_JSON)
    public String viaRestClient() {
        return api.me();
    }
}
