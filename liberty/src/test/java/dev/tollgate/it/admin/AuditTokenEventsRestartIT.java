package dev.tollgate.it.admin;

import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.ServerRestart;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tollgate.server.audit.token-events=true} records one {@code token.issued} per token (off by default:
 * {@link AuditEventsIT#tokenIssuanceIsNotRecordedByDefault}). The setting is read once at start, so the test sets it
 * in a configuration drop-in, restarts the server as an operator would, and takes it out again (with a restart)
 * afterwards. Runs with the other {@code *RestartIT} after the rest of the suite.
 */
class AuditTokenEventsRestartIT {

    private static final String TOKEN_EVENTS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <server>
                <!-- Written by AuditTokenEventsRestartIT for the length of the test. -->
                <variable name="tollgate.server.audit.token-events" value="true"/>
            </server>
            """;

    @Test
    void tokenIssuanceIsRecordedWhenConfigured() throws Exception {
        Path dropIn = Path.of(System.getProperty("it.server.dir"), "configDropins", "overrides",
                "it-audit-token-events.xml");
        Files.createDirectories(dropIn.getParent());
        Files.writeString(dropIn, TOKEN_EVENTS);
        try {
            ServerRestart.restart();
            String before = Instant.now().minusSeconds(1).toString();

            Registrations.clientToken("it-service", "it-service-secret-0123456789", "read");
            Registrations.clientToken("it-service", "it-service-secret-0123456789", "write");

            HttpResponse<String> response = LibertyServer.get("/api/admin/events?type=token.issued&client=it-service"
                    + "&from=" + before, ADMIN_HEADERS);
            assertEquals(200, response.statusCode(), response.body());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> issued = (List<Map<String, Object>>) json(response).get("items");
            assertEquals(2, issued.size(), response.body());
            for (Map<String, Object> event : issued) {
                assertEquals("success", event.get("outcome"));
                assertEquals("it-service", event.get("actor"));
                assertEquals(Map.of("grant_type", "client_credentials", "refresh_token", false, "dpop", false),
                        event.get("detail"));
            }
            assertTrue(!response.body().contains("it-service-secret-0123456789"));
        } finally {
            Files.deleteIfExists(dropIn);
            ServerRestart.restart();
        }
    }
}
