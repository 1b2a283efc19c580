package dev.tollgate.war.registration;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth2/register} (RFC 7591) and {@code GET/PUT/DELETE /oauth2/register/{client_id}} (RFC 7592).
 *
 * <p>The first is a gate optional path (the service decides who may register from the caller); the others are
 * public to the gate and authorized by the registration access token. Errors are OAuthExceptions, rendered as the
 * RFC 6749 §5.2 JSON with {@code Cache-Control: no-store}. The body is read as text for any content type, so that
 * a malformed one is {@code invalid_client_metadata}, not a 415.
 */
@RequestScoped
@Path("/oauth2/register")
public class RegistrationResource {

    @Inject
    RegistrationServices services;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @POST
    public Response register(String body) {
        Map<String, Object> json = services.registration().register(caller, body,
                services.registrationEndpoint(uriInfo));
        return noStore(Response.created(URI.create((String) json.get("registration_client_uri"))), json);
    }

    @GET
    @Path("{clientId}")
    public Response read(@PathParam("clientId") String clientId,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return noStore(Response.ok(), services.registration().read(clientId, Optional.ofNullable(authorization),
                configurationUri(clientId)));
    }

    @PUT
    @Path("{clientId}")
    public Response update(@PathParam("clientId") String clientId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return noStore(Response.ok(), services.registration().update(clientId, Optional.ofNullable(authorization),
                body, configurationUri(clientId)));
    }

    @DELETE
    @Path("{clientId}")
    public Response delete(@PathParam("clientId") String clientId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        services.registration().delete(clientId, Optional.ofNullable(authorization));
        return Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache")
                .build();
    }

    private String configurationUri(String clientId) {
        return services.registrationEndpoint(uriInfo) + "/" + clientId;
    }

    private static Response noStore(Response.ResponseBuilder builder, Map<String, Object> json) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE).entity(JSONObjectUtils.toJSONString(json))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
