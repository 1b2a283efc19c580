package dev.tollgate.it.registration;

import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.json;
import static dev.tollgate.it.registration.Registrations.registered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /oauth2/clients}: the caller's clients, paginated; every client for an admin. */
class ClientListIT {

    @Test
    void ownersListContainsTheClientItRegisteredWithoutSecrets() {
        Map<String, Object> created = registered("{\"grant_types\":[\"client_credentials\"],\"client_name\":\"Listed\"}");

        HttpResponse<String> response = LibertyServer.get("/oauth2/clients?size=100&page=1", ADMIN_HEADERS);

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> body = json(response);
        @SuppressWarnings("unchecked")
        Map<String, Object> pagination = (Map<String, Object>) body.get("pagination");
        long total = ((Number) pagination.get("total_count")).longValue();
        assertTrue(total >= 1);
        assertEquals((total + 99) / 100, ((Number) pagination.get("max_page")).longValue());
        assertFalse(response.body().contains((String) created.get("client_secret")));
        assertFalse(response.body().contains("secret_hash"));
        HttpResponse<String> last = LibertyServer.get("/oauth2/clients?size=100&page="
                + pagination.get("max_page"), ADMIN_HEADERS);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) json(last).get("items");
        assertTrue(items.stream().anyMatch(item -> created.get("client_id").equals(item.get("client_id"))),
                "newest last");
    }

    @Test
    void adminListsEveryClientIncludingDeclaredOnes() {
        HttpResponse<String> response = LibertyServer.get("/oauth2/clients?all=true&size=100", ADMIN_HEADERS);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"it-service\""), response.body());
    }

    @Test
    void nonAdminMayNotListEveryClient() {
        String token = Registrations.clientToken("it-service", "it-service-secret-0123456789", "read");

        Problems.assertProblem(LibertyServer.get("/oauth2/clients?all=true", "Authorization", "Bearer " + token),
                ProblemType.INSUFFICIENT_ROLE);
        assertEquals(200, LibertyServer.get("/oauth2/clients", "Authorization", "Bearer " + token).statusCode());
    }

    @Test
    void anonymousIsRefusedByTheGate() {
        Problems.assertProblem(LibertyServer.get("/oauth2/clients"), ProblemType.MISSING_CREDENTIALS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=101", "size=0", "page=0", "page=-1", "size=abc", "page=0&size=1000"})
    void outOfBoundsPagingIsAValidationProblem(String query) {
        Map<String, Object> problem = Problems.assertProblem(LibertyServer.get("/oauth2/clients?" + query,
                ADMIN_HEADERS), ProblemType.VALIDATION);
        assertTrue(problem.get("errors") instanceof Map<?, ?> errors && !errors.isEmpty(), problem::toString);
    }
}
