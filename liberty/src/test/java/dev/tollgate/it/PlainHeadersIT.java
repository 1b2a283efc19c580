package dev.tollgate.it;

import static dev.tollgate.it.support.LibertyServer.get;
import static dev.tollgate.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plain headers of the RIPS seed against the authorization server's own user store: the bootstrap administrator
 * (profile-it.xml) is created in the database at first start, with a PBKDF2 password hash.
 */
class PlainHeadersIT {

    private static final String EMAIL = "admin@it.tollgate.dev";
    private static final String PASSWORD = "it-admin-password-1";

    @Test
    void bootstrapAdministratorIsAdmittedWithPlainHeaders() {
        HttpResponse<String> response = get("/api/me", "X-API-Email", EMAIL, "X-API-Password", PASSWORD);

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> me = Problems.json(response);
        assertEquals(EMAIL, me.get("subject"));
        assertEquals("PLAIN_HEADERS", me.get("credential_kind"));
        assertTrue(((List<?>) me.get("roles")).contains("admin"), response.body());
        assertNull(me.get("client_id"));
    }

    @Test
    void emailIsMatchedWithoutRegardToCase() {
        HttpResponse<String> response = get("/api/me", "X-API-Email", EMAIL.toUpperCase(), "X-API-Password",
                PASSWORD);

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void administratorRoleFromTheDatabaseOpensTheAdminEndpoint() {
        HttpResponse<String> response = get("/api/admin/stats", "X-API-Email", EMAIL, "X-API-Password", PASSWORD);

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void wrongPasswordIsRefused() {
        HttpResponse<String> response = get("/api/me", "X-API-Email", "nobody-" + System.nanoTime()
                + "@it.tollgate.dev", "X-API-Password", "not-" + PASSWORD);

        assertProblem(response, ProblemType.INVALID_CREDENTIALS);
    }

    @Test
    void onlyOneOfThePlainHeadersIsAMalformedRequest() {
        HttpResponse<String> response = get("/api/me", "X-API-Email", EMAIL);

        assertProblem(response, ProblemType.MALFORMED_REQUEST);
    }
}
