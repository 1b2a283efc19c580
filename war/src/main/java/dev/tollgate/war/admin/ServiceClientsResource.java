package dev.tollgate.war.admin;

import dev.tollgate.api.Caller;
import dev.tollgate.war.openapi.TollgateOpenApi;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = "Service clients")
@SecurityRequirementsSet(@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT))
@SecurityRequirementsSet({@SecurityRequirement(name = TollgateOpenApi.API_EMAIL),
        @SecurityRequirement(name = TollgateOpenApi.API_PASSWORD)})
@APIResponse(responseCode = "400", ref = "Problem400")
@APIResponse(responseCode = "401", ref = "Problem401")
@APIResponse(responseCode = "403", ref = "Problem403")
@APIResponse(responseCode = "429", ref = "Problem429")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "Problem503")
public class ServiceClientsResource {

    private static final String CLIENT_ID = "The service client's `client_id`.";
    private static final String SECRET_CONTENT = "The client with its new secret, shown this once"
            + " (`Cache-Control: no-store`).";

    @Inject
    AdminServices services;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    /** 201 with the client id and secret. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a service client", description = """
            Any user (plain headers, or a Bearer token issued to a user; a client-credentials token is not a user: \
            403) creates a confidential client for the `client_credentials` grant, owned by them. `scope` must come \
            from `tollgate.registration.service-scopes` (absent: all of them); `name` has 1 to 255 characters \
            without control or bidirectional formatting characters; else a `validation` problem naming the field. \
            Service clients count toward the registration limits: over `tollgate.registration.rate-limit`, 429 \
            `rate-limited` with `Retry-After`; with `tollgate.registration.max-clients-per-owner` live clients \
            already, 409 `conflict`.""")
    @APIResponse(responseCode = "201", description = SECRET_CONTENT,
            headers = @Header(name = "Location", description = "The client's URL.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = ServiceClientSecret.class)))
    @APIResponse(responseCode = "409", ref = "Problem409")
    @APIResponse(responseCode = "413", ref = "Problem413")
    @APIResponse(responseCode = "415", ref = "Problem415")
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
    @Operation(summary = "Rotate a service client's secret", description = """
            Its owner or an `admin`. The new secret works at once; the previous one until \
            `previous_secret_expires_at` (`tollgate.registration.secret-rotation-overlap`), then stops. A second \
            rotation ends the first secret at once. Someone else's client, or an unknown one: 404. A client \
            declared in the configuration, or a public one: 409.""")
    @APIResponse(responseCode = "200", description = SECRET_CONTENT,
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = ServiceClientSecret.class)))
    @APIResponse(responseCode = "404", ref = "Problem404")
    @APIResponse(responseCode = "409", ref = "Problem409")
    public Response rotateSecret(@Parameter(description = CLIENT_ID) @PathParam("clientId") String clientId) {
        return noStore(Response.ok(ServiceClientSecret.of(services.serviceClients().rotateSecret(caller, clientId))));
    }

    /** Soft-deletes the client: 204. Its secrets stop at once and its tokens within the revocation bound. */
    @DELETE
    @Path("{clientId}")
    @Operation(summary = "Delete a service client", description = """
            Its owner or an `admin`. A soft delete (the row stays for audit): its secrets stop at once, its refresh \
            tokens are revoked, and the gate refuses its access tokens within `tollgate.server.revocation-cache`. \
            Someone else's client, or an unknown one: 404.""")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", ref = "Problem404")
    @APIResponse(responseCode = "409", ref = "Problem409")
    public Response delete(@Parameter(description = CLIENT_ID) @PathParam("clientId") String clientId) {
        services.serviceClients().delete(caller, clientId);
        return Response.noContent().build();
    }

    private static Response noStore(Response.ResponseBuilder builder) {
        return builder.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
