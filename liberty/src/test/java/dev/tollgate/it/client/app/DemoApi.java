package dev.tollgate.it.client.app;

import dev.tollgate.impl.client.jaxrs.OAuth2ClientProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The demo API as a MicroProfile Rest Client: the configKey names the token client too. */
@RegisterRestClient(configKey = "demo")
@RegisterProvider(OAuth2ClientProvider.class)
@Path("/api")
public interface DemoApi {

    @GET
    @Path("/me")
    @Produces(MediaType.APPLICATION_JSON)
    String me();
}
