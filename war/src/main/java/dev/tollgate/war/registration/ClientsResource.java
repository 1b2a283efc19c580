package dev.tollgate.war.registration;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.admin.PageParameters;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.Page;
import dev.tollgate.impl.server.store.PageRequest;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /oauth2/clients?page=1&size=10[&all=true]} (Rapidly's "List Clients"): the live clients the
 * authenticated caller owns, oldest first, as {@code {"items": [...], "pagination": {"total_count", "max_page"}}}.
 * With {@code all=true} an {@code admin} lists every client; anyone else gets 403. No secret or hash is listed.
 */
@RequestScoped
@Path("/oauth2/clients")
@RolesAllowed("**")
@Tag(name = "Client registration")
@SecurityRequirementsSet(@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT))
@SecurityRequirementsSet({@SecurityRequirement(name = TollgateOpenApi.API_EMAIL),
        @SecurityRequirement(name = TollgateOpenApi.API_PASSWORD)})
@APIResponse(responseCode = "400", ref = "Problem400")
@APIResponse(responseCode = "401", ref = "Problem401")
@APIResponse(responseCode = "429", ref = "Problem429")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "Problem503")
public class ClientsResource {

    static final String ADMIN_ROLE = BootstrapAdmin.ADMIN_ROLE;

    @Inject
    RegistrationServices services;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The caller's clients", description = """
            The live clients the caller owns, oldest first; with `all=true` every client, for the `admin` role only. \
            `page` below 1 or `size` outside 1–100 is a `validation` problem.""")
    @APIResponse(responseCode = "200", description = "One page of clients.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = RegistrationSchemas.ClientPage.class)))
    @APIResponse(responseCode = "403", ref = "Problem403")
    public Response list(
            @Parameter(description = "1-based.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
            @QueryParam("page") String page,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "10"))
            @QueryParam("size") String size,
            @Parameter(description = "`true`: every client (role `admin`).",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("all") String all) {
        PageRequest request = PageParameters.parse(page, size);
        boolean everyone = "true".equalsIgnoreCase(all);
        if (everyone && !caller.hasRole(ADMIN_ROLE)) {
            throw new ProblemException(ProblemType.INSUFFICIENT_ROLE, "Only an admin may list every client.");
        }
        Page<Client> clients = everyone ? services.clients().listAll(request)
                : services.clients().listByOwner(services.owners().ownerName(caller), request);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", clients.items().stream().map(ClientsResource::item).toList());
        json.put("pagination", PageParameters.pagination(clients));
        return Response.ok(JSONObjectUtils.toJSONString(json), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static Map<String, Object> item(Client client) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client_id", client.id().value());
        json.put("client_name", client.name());
        json.put("redirect_uris", client.redirectUris());
        json.put("grant_types", client.grantTypes().stream().map(GrantType::value).sorted().toList());
        json.put("scope", String.join(" ", client.scopes()));
        json.put("confidential", client.confidential());
        client.owner().ifPresent(owner -> json.put("owner", owner));
        json.put("client_id_issued_at", client.createdAt().getEpochSecond());
        return json;
    }
}
