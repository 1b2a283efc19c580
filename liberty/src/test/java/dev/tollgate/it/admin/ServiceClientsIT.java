package dev.tollgate.it.admin;

import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.assertNoStore;
import static dev.tollgate.it.registration.Registrations.assertOAuthError;
import static dev.tollgate.it.registration.Registrations.clientCredentials;
import static dev.tollgate.it.registration.Registrations.json;
import static dev.tollgate.it.registration.Registrations.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.admin.Accounts.TestUser;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Service clients, {@code /api/service-clients}, in Liberty (H2 and PostgreSQL). The IT server's secret-rotation
 * overlap is 4 s ({@code profile-it.xml}).
 */
class ServiceClientsIT {

    private static final String SERVICE_CLIENTS = "/api/service-clients";
    private static final Duration OVERLAP = Duration.ofSeconds(4);

    /** A service client just created, with the secret its creation showed. */
    private record Created(String id, String secret) {

        /** A client-credentials access token of it, checked to pass the gate. */
        String workingBearer() {
            String bearer = "Bearer " + Registrations.clientToken(id, secret, null);
            assertEquals(200, LibertyServer.get("/api/me", "Authorization", bearer).statusCode());
            return bearer;
        }
    }

    private static Created created(TestUser owner, String name) {
        HttpResponse<String> response = send("POST", SERVICE_CLIENTS, "{\"name\":\"" + name + "\"}",
                owner.headers());
        assertEquals(201, response.statusCode(), response.body());
        assertNoStore(response);
        Map<String, Object> body = json(response);
        return new Created((String) body.get("client_id"), (String) body.get("client_secret"));
    }

    @Test
    void aUserCreatesAServiceClientAndGetsItsSecretOnce() {
        TestUser owner = Accounts.createUser("owner");

        HttpResponse<String> response = send("POST", SERVICE_CLIENTS, "{\"name\":\"Nightly export\"}",
                owner.headers());

        assertEquals(201, response.statusCode(), response.body());
        assertNoStore(response);
        Map<String, Object> client = json(response);
        String id = (String) client.get("client_id");
        String secret = (String) client.get("client_secret");
        assertTrue(response.headers().firstValue("Location").orElseThrow().endsWith(SERVICE_CLIENTS + "/" + id));
        assertEquals(List.of("client_credentials"), client.get("grant_types"));
        assertEquals("read", client.get("scope"), "tollgate.registration.service-scopes, by default");
        assertEquals(owner.email(), client.get("owner"));
        assertEquals(0L, ((Number) client.get("client_secret_expires_at")).longValue());
        String token = Registrations.clientToken(id, secret, "read");
        HttpResponse<String> me = LibertyServer.get("/api/me", "Authorization", "Bearer " + token);
        assertEquals(200, me.statusCode(), me.body());
        HttpResponse<String> listed = LibertyServer.get("/oauth2/clients?size=100", owner.headers());
        assertTrue(listed.body().contains(id), listed.body());
        assertFalse(listed.body().contains(secret), "the listing never shows a secret");
    }

    @Test
    void rotationGivesANewSecretAndTheOldOneWorksForTheOverlapOnly() throws InterruptedException {
        TestUser owner = Accounts.createUser("rotator");
        Created client = created(owner, "Rotating job");
        String id = client.id();
        String oldSecret = client.secret();

        HttpResponse<String> rotated = send("POST", SERVICE_CLIENTS + "/" + id + "/rotate-secret", null,
                owner.headers());

        Instant rotatedAt = Instant.now();
        assertEquals(200, rotated.statusCode(), rotated.body());
        assertNoStore(rotated);
        Map<String, Object> body = json(rotated);
        String newSecret = (String) body.get("client_secret");
        assertEquals(id, body.get("client_id"));
        assertNotEquals(oldSecret, newSecret);
        long previousExpires = ((Number) body.get("previous_secret_expires_at")).longValue();
        assertTrue(Math.abs(previousExpires - rotatedAt.plus(OVERLAP).getEpochSecond()) <= 2, rotated.body());
        assertEquals(200, clientCredentials(id, newSecret).statusCode());
        assertEquals(200, clientCredentials(id, oldSecret).statusCode(), "within the overlap");

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), Instant.ofEpochSecond(previousExpires + 1))
                .toMillis()));

        assertOAuthError(clientCredentials(id, oldSecret), 401, "invalid_client");
        assertEquals(200, clientCredentials(id, newSecret).statusCode());
    }

    @Test
    void aSecondRotationEndsTheFirstSecretAtOnce() {
        TestUser owner = Accounts.createUser("twice");
        Created client = created(owner, "Twice");
        String id = client.id();

        send("POST", SERVICE_CLIENTS + "/" + id + "/rotate-secret", null, owner.headers());
        String third = (String) json(send("POST", SERVICE_CLIENTS + "/" + id + "/rotate-secret", null,
                owner.headers())).get("client_secret");

        assertOAuthError(clientCredentials(id, client.secret()), 401, "invalid_client");
        assertEquals(200, clientCredentials(id, third).statusCode());
    }

    @Test
    void anotherUserCannotSeeTheClientButAnAdminCan() {
        String id = created(Accounts.createUser("mine"), "Mine").id();
        TestUser stranger = Accounts.createUser("stranger");

        Problems.assertProblem(send("POST", SERVICE_CLIENTS + "/" + id + "/rotate-secret", null,
                stranger.headers()), ProblemType.NOT_FOUND);
        Problems.assertProblem(send("DELETE", SERVICE_CLIENTS + "/" + id, null, stranger.headers()),
                ProblemType.NOT_FOUND);
        assertEquals(200, send("POST", SERVICE_CLIENTS + "/" + id + "/rotate-secret", null, ADMIN_HEADERS)
                .statusCode());
        Problems.assertProblem(send("POST", SERVICE_CLIENTS + "/it-service/rotate-secret", null, ADMIN_HEADERS),
                ProblemType.CONFLICT);
        Problems.assertProblem(send("POST", SERVICE_CLIENTS + "/no-such-client/rotate-secret", null,
                ADMIN_HEADERS), ProblemType.NOT_FOUND);
    }

    @Test
    void invalidRequestsAreProblems() {
        TestUser user = Accounts.createUser("invalid");

        Map<String, Object> problem = Problems.assertProblem(send("POST", SERVICE_CLIENTS,
                "{\"name\":\"\",\"scope\":\"read admin\"}", user.headers()), ProblemType.VALIDATION);
        assertEquals(Set.of("name", "scope"), ((Map<?, ?>) problem.get("errors")).keySet());
        Problems.assertProblem(send("POST", SERVICE_CLIENTS, "[1,2", user.headers()), ProblemType.BAD_REQUEST);
        Problems.assertProblem(send("POST", SERVICE_CLIENTS, "{\"name\":\"x\"}"), ProblemType.MISSING_CREDENTIALS);
        String clientToken = Registrations.clientToken("it-service", "it-service-secret-0123456789", "read");
        Problems.assertProblem(send("POST", SERVICE_CLIENTS, "{\"name\":\"x\"}", "Authorization",
                "Bearer " + clientToken), ProblemType.INSUFFICIENT_ROLE);
    }

    @Test
    void deletingEndsTheSecretAndTheTokens() {
        TestUser owner = Accounts.createUser("deleter");
        Created client = created(owner, "Deleted");
        String id = client.id();
        String secret = client.secret();
        String bearer = client.workingBearer();

        HttpResponse<String> deleted = send("DELETE", SERVICE_CLIENTS + "/" + id, null, owner.headers());

        assertEquals(204, deleted.statusCode(), deleted.body());
        assertOAuthError(clientCredentials(id, secret), 401, "invalid_client");
        HttpResponse<String> refused = LibertyServer.get("/api/me", "Authorization", bearer);
        Problems.assertProblem(refused, ProblemType.TOKEN_REVOKED);
        assertEquals("true", refused.headers().firstValue("X-API-Revoked").orElse(null));
        Problems.assertProblem(send("DELETE", SERVICE_CLIENTS + "/" + id, null, owner.headers()),
                ProblemType.NOT_FOUND);
    }

    @Test
    void noPasswordOrSecretOfTheAccountApisReachesTheServerLogs() {
        TestUser owner = Accounts.createUser("logged");
        Created client = created(owner, "Logged");
        String id = client.id();
        String rotated = (String) json(send("POST", SERVICE_CLIENTS + "/" + id + "/rotate-secret", null,
                owner.headers())).get("client_secret");
        send("POST", "/api/admin/users/" + owner.id() + "/password", "{\"password\":\"reset-" + id + "\"}",
                ADMIN_HEADERS);
        send("POST", "/api/admin/users", "{\"email\":\"x\",\"password\":\"short\"}", ADMIN_HEADERS);

        String logs = LibertyServer.logs();

        for (String secret : List.of(owner.password(), client.secret(), rotated,
                "reset-" + id)) {
            assertFalse(logs.contains(secret), "the server logs contain a secret: " + secret.substring(0, 6) + "…");
        }
    }

    @Test
    void disablingTheOwnerStopsTheirServiceClients() throws InterruptedException {
        TestUser owner = Accounts.createUser("owner-disabled");
        Created client = created(owner, "Orphan");
        String id = client.id();
        String secret = client.secret();
        String bearer = client.workingBearer();

        assertEquals(200, send("POST", "/api/admin/users/" + owner.id() + "/disable", null, ADMIN_HEADERS)
                .statusCode());

        assertOAuthError(clientCredentials(id, secret), 401, "invalid_client");
        // The gate caches a client's state for tollgate.server.revocation-cache (5 s); disabling names the owner,
        // not each of their clients.
        HttpResponse<String> refused = Accounts.until(() -> LibertyServer.get("/api/me", "Authorization", bearer),
                status -> status == 401, Duration.ofSeconds(15));
        Problems.assertProblem(refused, ProblemType.TOKEN_REVOKED);
    }
}
