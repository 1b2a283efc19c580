package dev.tollgate.war.demo;

import dev.tollgate.war.startup.ServedWithoutDatabase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The demo API's public endpoint: no credentials needed. */
@ServedWithoutDatabase
@Path("/api/status")
@Tag(name = "Demo API")
@APIResponse(responseCode = "500", ref = "Problem500")
public class StatusResource {

    @GET
    @Operation(summary = "Public status", description = "No credentials needed (a gate public path).")
    @APIResponse(responseCode = "200", description = "`{\"status\": \"UP\"}`.")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> status() {
        return Map.of("status", "UP");
    }
}
