package dev.tollgate.war.admin;

import dev.tollgate.impl.server.audit.AuditEvent;
import dev.tollgate.impl.server.audit.AuditQuery;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import dev.tollgate.impl.server.store.Page;
import dev.tollgate.war.Pagination;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
 * The audit trail, {@code GET /api/admin/events}, for the {@code admin} role only (others: 403
 * {@code insufficient-role}): the security events the server recorded ({@link dev.tollgate.impl.server.audit}),
 * newest first, filtered and paged. Bad parameters are one 400 {@code validation} problem whose {@code errors} names
 * each.
 */
@Path("/api/admin/events")
@RequestScoped
@RolesAllowed(BootstrapAdmin.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirementsSet(@SecurityRequirement(name = TollgateOpenApi.BEARER_JWT))
@SecurityRequirementsSet({@SecurityRequirement(name = TollgateOpenApi.API_EMAIL),
        @SecurityRequirement(name = TollgateOpenApi.API_PASSWORD)})
@APIResponse(responseCode = "400", ref = "Problem400")
@APIResponse(responseCode = "401", ref = "Problem401")
@APIResponse(responseCode = "403", ref = "Problem403")
@APIResponse(responseCode = "429", ref = "Problem429")
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "Problem503")
public class EventsResource {

    @Inject
    AdminServices services;

    @GET
    @Operation(summary = "List audit events", description = """
            Role `admin` only. Security events (sign-ins, lockouts, token reuse, changes to users, clients, \
            consents and signing keys; `token.issued` when `tollgate.server.audit.token-events` is on), newest \
            first. Every filter is optional and they combine. `page` below 1, `pageSize` outside 1–100, an unknown \
            `type`, or a `from`/`to` that is no ISO-8601 instant (or `from` after `to`) is a `validation` problem \
            naming the parameter. Events are kept for `tollgate.server.audit.retention` (90 days).""")
    @APIResponse(responseCode = "200", description = "One page of events.",
            content = @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(implementation = EventPage.class)))
    public EventPage list(
            @Parameter(description = "1-based.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
            @QueryParam("page") String page,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100",
                    defaultValue = "20"))
            @QueryParam("pageSize") String pageSize,
            @Parameter(description = "An event type, e.g. `user.disabled` (see the README's table).",
                    schema = @Schema(type = SchemaType.STRING))
            @QueryParam("type") String type,
            @Parameter(description = "The user id the events are about.")
            @QueryParam("subject") String subject,
            @Parameter(description = "The client id the events are about.")
            @QueryParam("client") String client,
            @Parameter(description = "Events at or after this instant, e.g. `2026-12-06T12:00:00Z`.",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "Events before this instant (exclusive).",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("to") String to) {
        AuditQuery query = AuditQuery.parse(page, pageSize, type, subject, client, from, to);
        Page<AuditEvent> events = services.auditEvents().find(query);
        return new EventPage(events.items().stream().map(EventView::of).toList(), Pagination.of(events));
    }
}
