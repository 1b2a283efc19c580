package dev.tollgate.war.demo;

import dev.tollgate.api.Caller;
import dev.tollgate.api.RequiresScope;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/reports}: needs the OAuth scope {@code reports:read}; a token without it gets 403
 * {@code insufficient-scope} with {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="reports:read"}.
 */
@Path("/api/reports")
@RequestScoped
@RequiresScope(ReportsResource.SCOPE)
@Tag(name = "Demo API")
@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT)
@APIResponse(responseCode = "400", ref = "Problem400")
@APIResponse(responseCode = "401", ref = "Problem401")
@APIResponse(responseCode = "403", ref = "Problem403")
@APIResponse(responseCode = "429", ref = "Problem429")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "Problem503")
public class ReportsResource {

    public static final String SCOPE = "reports:read";

    /** The reports on offer. */
    public record Report(String id, String title) {
    }

    /** The body: who asked, and the reports. */
    public record Reports(String subject, List<Report> reports) {
    }

    static final List<Report> REPORTS = List.of(new Report("usage", "API usage by client"),
            new Report("items", "Demo item inventory"));

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The reports", description = """
            Needs the scope `reports:read`, so a token: plain-header callers pass the gate but get 403.""")
    @APIResponse(responseCode = "200", description = "Who asked, and the reports.")
    @Produces(MediaType.APPLICATION_JSON)
    public Reports reports() {
        return new Reports(caller.subject(), REPORTS);
    }
}
