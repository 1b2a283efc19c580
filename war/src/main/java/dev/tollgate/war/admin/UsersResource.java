package dev.tollgate.war.admin;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.server.admin.PageParameters;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import dev.tollgate.impl.server.store.Page;
import dev.tollgate.impl.server.store.PageRequest;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.war.Pagination;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
 * The admin API for user accounts, {@code /api/admin/users}, for the {@code admin} role only (others: 403
 * {@code insufficient-role}). Errors are problem+json: {@code validation} with an {@code errors} map, {@code conflict}
 * and {@code not-found}; see {@link dev.tollgate.impl.server.admin.UserAdministration} for the rules.
 */
@Path("/api/admin/users")
@RequestScoped
@RolesAllowed(BootstrapAdmin.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
@SecurityRequirementsSet(@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT))
@SecurityRequirementsSet({@SecurityRequirement(name = TollgateOpenApi.API_EMAIL),
        @SecurityRequirement(name = TollgateOpenApi.API_PASSWORD)})
@APIResponse(responseCode = "400", ref = "Problem400")
@APIResponse(responseCode = "401", ref = "Problem401")
@APIResponse(responseCode = "403", ref = "Problem403")
@APIResponse(responseCode = "429", ref = "Problem429")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "Problem503")
public class UsersResource {

    private static final String USER_ID = "The user's id (a UUID); anything else is 404.";

    @Inject
    AdminServices services;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    /** Creates an enabled user: 201 with its {@code Location}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user", description = """
            Role `admin` only. Creates an enabled account. Invalid fields are one `validation` problem whose `errors` \
            names each (email; password of 8 to 1024 characters; roles of letters, digits and `. _ : -`, at most \
            32); unreadable JSON is `bad-request`.""")
    @APIResponse(responseCode = "201", description = "Created; never the password or its hash.",
            headers = @Header(name = "Location", description = "The new user's URL.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "409", ref = "Problem409")
    @APIResponse(responseCode = "413", ref = "Problem413")
    @APIResponse(responseCode = "415", ref = "Problem415")
    public Response create(NewUser body) {
        NewUser user = body != null ? body : new NewUser(null, null, null);
        User created = services.users().create(user.email(), user.password(), user.roles());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(UserView.of(created)).build();
    }

    /**
     * Users, oldest first, {@code page} from 1 and {@code size} 1 to 100 (out of range: 400, never clamped);
     * {@code email} keeps those whose email contains it (case-insensitive), for the console's search.
     */
    @GET
    @Operation(summary = "List users", description = """
            Role `admin` only. Users, oldest first. `page` below 1 or `size` outside 1–100 is a `validation` \
            problem, never clamped. `email` keeps the users whose email contains it, case-insensitively (over 320 \
            characters, or with a control character: a `validation` problem naming `email`).""")
    @APIResponse(responseCode = "200", description = "One page of users.",
            content = @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(implementation = UserPage.class)))
    public UserPage list(
            @Parameter(description = "1-based.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
            @QueryParam("page") String page,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "10"))
            @QueryParam("size") String size,
            @Parameter(description = "A part of the email to look for, case-insensitive (at most 320 characters).",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 320))
            @QueryParam("email") String email) {
        PageRequest request = PageParameters.parse(page, size);
        Page<User> users = services.users().list(request, email);
        return new UserPage(users.items().stream().map(UserView::of).toList(), Pagination.of(users));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a user", description = "Role `admin` only.")
    @APIResponse(responseCode = "200", description = "The user.",
            content = @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", ref = "Problem404")
    public UserView read(@Parameter(description = USER_ID) @PathParam("id") String id) {
        return UserView.of(services.users().find(id));
    }

    /** Disables the account: its password, plain headers, tokens and refresh tokens stop working. */
    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable a user", description = """
            Role `admin` only. The account's password (login page, password grant, plain headers), access tokens \
            and refresh tokens stop working, and so do the clients it owns: at once on this node, within \
            `tollgate.server.revocation-cache` (5 s) on the others. Refresh tokens are revoked for good. An admin \
            cannot disable their own account (409). Idempotent.""")
    @APIResponse(responseCode = "200", description = "The user, now disabled.",
            content = @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", ref = "Problem404")
    @APIResponse(responseCode = "409", ref = "Problem409")
    public UserView disable(@Parameter(description = USER_ID) @PathParam("id") String id) {
        return UserView.of(services.users().disable(id, caller));
    }

    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable a user", description = """
            Role `admin` only. The account works again; refresh tokens revoked by the disabling stay revoked. \
            Idempotent.""")
    @APIResponse(responseCode = "200", description = "The user, now enabled.",
            content = @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", ref = "Problem404")
    public UserView enable(@Parameter(description = USER_ID) @PathParam("id") String id) {
        return UserView.of(services.users().enable(id));
    }

    @PUT
    @Path("{id}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a user's roles", description = """
            Role `admin` only. The roles reach new tokens at once and plain headers within the gate's \
            `plain-headers.cache-ttl` (5 s in this server); tokens already issued keep their roles until they \
            expire. Invalid names are a `validation` problem; an admin cannot take the `admin` role from \
            themselves (409).""")
    @APIResponse(responseCode = "200", description = "The user with the new roles.",
            content = @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", ref = "Problem404")
    @APIResponse(responseCode = "409", ref = "Problem409")
    @APIResponse(responseCode = "413", ref = "Problem413")
    @APIResponse(responseCode = "415", ref = "Problem415")
    public UserView setRoles(@Parameter(description = USER_ID) @PathParam("id") String id, NewRoles body) {
        return UserView.of(services.users().setRoles(id, body != null ? body.roles() : null, caller));
    }

    /** Replaces the password and revokes the user's refresh tokens: 204. */
    @POST
    @Path("{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reset a user's password", description = """
            Role `admin` only. Replaces the password (8 to 1024 characters, else a `validation` problem) and \
            revokes the user's refresh tokens. The old password's plain headers stop within the gate's \
            `plain-headers.cache-ttl` (5 s in this server); access tokens already issued run to their expiry.""")
    @APIResponse(responseCode = "204", description = "Replaced.")
    @APIResponse(responseCode = "404", ref = "Problem404")
    @APIResponse(responseCode = "413", ref = "Problem413")
    @APIResponse(responseCode = "415", ref = "Problem415")
    public Response resetPassword(@Parameter(description = USER_ID) @PathParam("id") String id, NewPassword body) {
        services.users().resetPassword(id, body != null ? body.password() : null);
        return Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
