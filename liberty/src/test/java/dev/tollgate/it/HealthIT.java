package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Health: readiness (the start-up completed, the database, a signing key) and liveness, public, for a
 * load balancer. Readiness during a database outage: dev.tollgate.it.outage.OutageIT.
 */
class HealthIT {

    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        return JSONObjectUtils.parse(response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> statusByName(Map<String, Object> health) {
        return ((List<Map<String, Object>>) health.get("checks")).stream()
                .collect(Collectors.toMap(check -> (String) check.get("name"), check -> (String) check.get("status")));
    }

    @Test
    void readyWhenTheDatabaseAnswersAndASigningKeyIsLoaded() throws Exception {
        HttpResponse<String> response = LibertyServer.get("/health/ready");

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> health = json(response);
        assertEquals("UP", health.get("status"));
        assertEquals(Map.of("tollgate-startup", "UP", "tollgate-database", "UP", "tollgate-signing-key", "UP"),
                statusByName(health));
    }

    @Test
    void liveWithoutCredentials() throws Exception {
        HttpResponse<String> response = LibertyServer.get("/health/live");

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> health = json(response);
        assertEquals("UP", health.get("status"));
        assertEquals(Map.of("tollgate", "UP"), statusByName(health));
    }
}
