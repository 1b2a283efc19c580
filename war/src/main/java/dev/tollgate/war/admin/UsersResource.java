package dev.tollgate.war.admin;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.server.admin.PageParameters;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import dev.tollgate.impl.server.store.Page;
import dev.tollgate.impl.server.store.PageRequest;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.war.Pagination;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The admin API for user accounts, {@code /api/admin/users}, for the {@code admin} role only (others: 403
 * {@code insufficient-role}). Errors are problem+json: {@code validation} with an {@code errors} map, {@code conflict}
 * and {@code not-found}; see {@link dev.tollgate.impl.server.admin.UserAdministration} for the rules.
 */
@Path("/api/admin/users")
@RequestScoped
@RolesAllowed(BootstrapAdmin.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    AdminServices services;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    /** Creates an enabled user: 201 with its {@code Location}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser body) {
        NewUser user = body != null ? body : new NewUser(null, null, null);
        User created = services.users().create(user.email(), user.password(), user.roles());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(UserView.of(created)).build();
    }

    /** Users, oldest first, {@code page} from 1 and {@code size} 1 to 100 (out of range: 400, never clamped). */
    @GET
    public UserPage list(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageParameters.parse(page, size);
        Page<User> users = services.users().list(request);
        return new UserPage(users.items().stream().map(UserView::of).toList(),
                Pagination.of(users.total(), request.size()));
    }

    @GET
    @Path("{id}")
    public UserView read(@PathParam("id") String id) {
        return UserView.of(services.users().find(id));
    }

    /** Disables the account: its password, plain headers, tokens and refresh tokens stop working. */
    @POST
    @Path("{id}/disable")
    public UserView disable(@PathParam("id") String id) {
        return UserView.of(services.users().disable(id, caller));
    }

    @POST
    @Path("{id}/enable")
    public UserView enable(@PathParam("id") String id) {
        return UserView.of(services.users().enable(id));
    }

    /** Replaces the password and revokes the user's refresh tokens: 204. */
    @POST
    @Path("{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resetPassword(@PathParam("id") String id, NewPassword body) {
        services.users().resetPassword(id, body != null ? body.password() : null);
        return Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
