package dev.tollgate.war.demo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code GET /api/ping}: the same answer as the public {@code /api/status}, but behind the gate and nothing else (no
 * role or scope check, no caller lookup), so that a load run comparing the two measures the gate alone.
 */
@Path("/api/ping")
public class PingResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> ping() {
        return Map.of("status", "UP");
    }
}
