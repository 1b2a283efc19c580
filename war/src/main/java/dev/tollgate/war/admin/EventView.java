package dev.tollgate.war.admin;

import dev.tollgate.impl.server.audit.AuditEvent;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An audit event as {@code GET /api/admin/events} lists it. Absent values are {@code null}, never left out, so that
 * every item has the same members.
 *
 * @param time    ISO-8601 UTC, e.g. {@code 2026-12-06T12:00:00.123456Z}
 * @param type    the dotted event type, e.g. {@code user.disabled} (README, "Audit trail")
 * @param outcome {@code success} or {@code failure}
 * @param actor   the user id or client id who acted, if known
 * @param subject the user id the event is about, if any
 * @param client  the client id the event is about, if any
 * @param address the client address of the request (the server's view of the remote address)
 * @param detail  a small object of descriptive values; never a secret
 */
@JsonbNillable
@JsonbPropertyOrder({"id", "time", "type", "outcome", "actor", "subject", "client", "address", "detail"})
public record EventView(
        String id,
        @Schema(format = "date-time", example = "2026-12-06T12:00:00Z") String time,
        @Schema(example = "user.disabled") String type,
        @Schema(enumeration = {"success", "failure"}) String outcome,
        @Schema(nullable = true) String actor,
        @Schema(nullable = true) String subject,
        @Schema(nullable = true) String client,
        @Schema(nullable = true) String address,
        Map<String, Object> detail) {

    static EventView of(AuditEvent event) {
        return new EventView(event.id().toString(), event.time().toString(), event.type().dotted(),
                event.outcome().json(), event.actor(), event.subject(), event.client(), event.address(),
                event.detail());
    }
}
