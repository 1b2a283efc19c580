package dev.tollgate.war.demo;

import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/items?page=1&size=10}: the demo items, a page at a time, to any authenticated caller.
 *
 * <p>The parameters are validated as text rather than bound to {@code int}: JAX-RS answers a query parameter that
 * does not convert ({@code page=abc}, {@code size=}) with 404 (Jakarta REST 3.1 §3.2), while here every bad value is
 * a 400 {@code validation} problem whose {@code errors} names the parameter. Out of range is refused, never clamped.
 */
@Path("/api/items")
@RequestScoped
@RolesAllowed("**")
@Tag(name = "Demo API")
@SecurityRequirementsSet(@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT))
@SecurityRequirementsSet({@SecurityRequirement(name = TollgateOpenApi.API_EMAIL),
        @SecurityRequirement(name = TollgateOpenApi.API_PASSWORD)})
@APIResponse(responseCode = "400", ref = "Problem400")
@APIResponse(responseCode = "401", ref = "Problem401")
@APIResponse(responseCode = "429", ref = "Problem429")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "Problem503")
public class ItemsResource {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 100;

    @Inject
    ItemStore store;

    @GET
    @Operation(summary = "A page of the demo items", description = """
            Any authenticated caller. A bad `page` or `size` is a `validation` problem whose `errors` names it.""")
    @APIResponse(responseCode = "200", description = "The page; empty past the last one.")
    @Produces(MediaType.APPLICATION_JSON)
    public ItemPage list(
            @QueryParam("page") @DefaultValue("1")
            @Pattern(regexp = "[1-9][0-9]{0,8}", message = "must be a whole number of at least 1") String page,
            @QueryParam("size") @DefaultValue("10")
            @Pattern(regexp = "[1-9][0-9]?|100", message = "must be a whole number from 1 to 100") String size) {
        return store.page(Integer.parseInt(page), Integer.parseInt(size));
    }
}
