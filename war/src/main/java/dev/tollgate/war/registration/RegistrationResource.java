package dev.tollgate.war.registration;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.Caller;
import dev.tollgate.war.oauth.ProtocolPaths;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /oauth2/register} (RFC 7591) and {@code GET/PUT/DELETE /oauth2/register/{client_id}} (RFC 7592).
 *
 * <p>The first is a gate optional path (the service decides who may register from the caller); the others are
 * public to the gate and authorized by the registration access token. Errors are OAuthExceptions, rendered as the
 * RFC 6749 §5.2 JSON with {@code Cache-Control: no-store}. The body is read as text for any content type, so that
 * a malformed one is {@code invalid_client_metadata}, not a 415.
 */
@RequestScoped
@Path(ProtocolPaths.REGISTER)
@Tag(name = "Client registration")
@APIResponse(responseCode = "500", ref = "Problem500")
public class RegistrationResource {

    @Inject
    RegistrationServices services;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest request;

    @POST
    @Operation(summary = "Register a client (RFC 7591)", description = """
            Who may register depends on `tollgate.registration.mode`: `authenticated` (default: a user by plain \
            headers or Bearer token, or an initial access token), `initial-access-token` (a Bearer access token of \
            this server with the scope `client:register`), or `open` (anyone, also without credentials). The \
            gate checks credentials that are present; a user who registers owns the client. Any content type is \
            read as JSON. Limits (administrators are exempt): a user may own `tollgate.registration.\
            max-clients-per-owner` live clients (more: 403 `access_denied`); a registrar (a user, an initial access \
            token's client, an address in `open` mode) may register `tollgate.registration.rate-limit` clients at \
            once, then one every `rate-window / rate-limit` (more: 429 `rate-limited` problem with \
            `Retry-After`).""")
    @SecurityRequirementsSet(@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT))
    @SecurityRequirementsSet({@SecurityRequirement(name = TollgateOpenApi.API_EMAIL),
            @SecurityRequirement(name = TollgateOpenApi.API_PASSWORD)})
    @APIResponse(responseCode = "201", description = "Registered.",
            headers = @Header(name = "Location", description = "The `registration_client_uri`.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = RegistrationSchemas.ClientInformation.class)))
    @APIResponse(responseCode = "400", ref = "GatedOAuthError400")
    @APIResponse(responseCode = "401", ref = "GatedOAuthError401")
    @APIResponse(responseCode = "403", ref = "RegistrationError403")
    @APIResponse(responseCode = "429", ref = "Problem429")
    @APIResponse(responseCode = "503", ref = "GatedOAuthError503")
    public Response register(@RequestBody(required = true, content = @Content(mediaType = TollgateOpenApi.JSON,
            schema = @Schema(implementation = RegistrationSchemas.ClientMetadata.class))) String body) {
        Map<String, Object> json = services.registration().register(caller, request.getRemoteAddr(), body,
                services.registrationEndpoint());
        return noStore(Response.created(URI.create((String) json.get("registration_client_uri"))), json);
    }

    @GET
    @Path("{clientId}")
    @Operation(summary = "Read a client's registration (RFC 7592)")
    @SecurityRequirement(name = TollgateOpenApi.REGISTRATION_TOKEN)
    @APIResponse(responseCode = "200", description = "The registration (without the secret).",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = RegistrationSchemas.ClientInformation.class)))
    @APIResponse(responseCode = "401", ref = "RegistrationError401")
    @APIResponse(responseCode = "503", ref = "OAuthError503")
    public Response read(@Parameter(description = "The `client_id`.") @PathParam("clientId") String clientId,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return noStore(Response.ok(), services.registration().read(clientId, Optional.ofNullable(authorization),
                configurationUri(clientId)));
    }

    @PUT
    @Path("{clientId}")
    @Operation(summary = "Replace a client's metadata (RFC 7592)", description = """
            Validated as a registration. Rotates the registration access token; a client that turns confidential \
            gets a secret.""")
    @SecurityRequirement(name = TollgateOpenApi.REGISTRATION_TOKEN)
    @APIResponse(responseCode = "200", description = "The new registration, with the new registration access token.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = RegistrationSchemas.ClientInformation.class)))
    @APIResponse(responseCode = "400", ref = "RegistrationError400")
    @APIResponse(responseCode = "401", ref = "RegistrationError401")
    @APIResponse(responseCode = "503", ref = "OAuthError503")
    public Response update(@Parameter(description = "The `client_id`.") @PathParam("clientId") String clientId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @RequestBody(required = true, content = @Content(mediaType = TollgateOpenApi.JSON,
                                   schema = @Schema(implementation = RegistrationSchemas.ClientMetadataUpdate.class)))
                           String body) {
        return noStore(Response.ok(), services.registration().update(clientId, Optional.ofNullable(authorization),
                body, configurationUri(clientId)));
    }

    @DELETE
    @Path("{clientId}")
    @Operation(summary = "Delete a client (RFC 7592)", description = """
            A soft delete: the row stays for audit, the client's refresh tokens are revoked at once, the token \
            endpoint refuses it, and the gate refuses its access tokens within `tollgate.server.revocation-cache`.""")
    @SecurityRequirement(name = TollgateOpenApi.REGISTRATION_TOKEN)
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "401", ref = "RegistrationError401")
    @APIResponse(responseCode = "503", ref = "OAuthError503")
    public Response delete(@Parameter(description = "The `client_id`.") @PathParam("clientId") String clientId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        services.registration().delete(clientId, Optional.ofNullable(authorization));
        return Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache")
                .build();
    }

    private String configurationUri(String clientId) {
        return services.registrationEndpoint() + "/" + clientId;
    }

    private static Response noStore(Response.ResponseBuilder builder, Map<String, Object> json) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE).entity(JSONObjectUtils.toJSONString(json))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
