package dev.tollgate.it.dropin.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Greets whoever the container says the caller is. */
@Path("/greeting")
public class GreetingResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String greet(@Context SecurityContext security) {
        String name = security.getUserPrincipal() == null ? "nobody" : security.getUserPrincipal().getName();
        return "hello " + name + " admin=" + security.isUserInRole("admin")
                + " scheme=" + security.getAuthenticationScheme();
    }
}
