package dev.tollgate.war.demo;

import dev.tollgate.api.Caller;
import dev.tollgate.api.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/reports}: needs the OAuth scope {@code reports:read}; a token without it gets 403
 * {@code insufficient-scope} with {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="reports:read"}.
 */
@Path("/api/reports")
@RequestScoped
@RequiresScope(ReportsResource.SCOPE)
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
    @Produces(MediaType.APPLICATION_JSON)
    public Reports reports() {
        return new Reports(caller.subject(), REPORTS);
    }
}
