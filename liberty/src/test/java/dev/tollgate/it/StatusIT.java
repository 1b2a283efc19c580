package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class StatusIT {

    @Test
    void publicStatusEndpointAnswersWithoutCredentials() {
        HttpResponse<String> response = LibertyServer.get("/api/status");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"UP\""), response.body());
    }
}
