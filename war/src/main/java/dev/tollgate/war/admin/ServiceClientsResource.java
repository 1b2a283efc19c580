package dev.tollgate.war.admin;

import dev.tollgate.api.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Service clients (Ryvn's service users), {@code /api/service-clients}: any user creates a confidential
 * {@code client_credentials} client and gets its secret once; its owner or an admin rotates the secret (the previous
 * one keeps working for {@code tollgate.registration.secret-rotation-overlap}) or deletes the client. The listing is
 * {@code GET /oauth2/clients}. Responses with a secret are {@code Cache-Control: no-store} (RFC 6749 §5.1).
 */
@Path("/api/service-clients")
@RequestScoped
@RolesAllowed("**")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceClientsResource {

    @Inject
    AdminServices services;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    /** 201 with the client id and secret. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewServiceClient body) {
        NewServiceClient request = body != null ? body : new NewServiceClient(null, null);
        ServiceClientSecret created = ServiceClientSecret.of(
                services.serviceClients().create(caller, request.name(), request.scope()));
        return noStore(Response.created(uriInfo.getAbsolutePathBuilder().path(created.clientId()).build())
                .entity(created));
    }

    /** A new secret; the previous one works until {@code previous_secret_expires_at}. */
    @POST
    @Path("{clientId}/rotate-secret")
    public Response rotateSecret(@PathParam("clientId") String clientId) {
        return noStore(Response.ok(ServiceClientSecret.of(services.serviceClients().rotateSecret(caller, clientId))));
    }

    /** Soft-deletes the client: 204. Its secrets stop at once and its tokens within the revocation bound. */
    @DELETE
    @Path("{clientId}")
    public Response delete(@PathParam("clientId") String clientId) {
        services.serviceClients().delete(caller, clientId);
        return Response.noContent().build();
    }

    private static Response noStore(Response.ResponseBuilder builder) {
        return builder.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
