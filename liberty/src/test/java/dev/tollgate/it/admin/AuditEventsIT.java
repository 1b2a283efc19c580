package dev.tollgate.it.admin;

import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.json;
import static dev.tollgate.it.registration.Registrations.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.admin.Accounts.TestUser;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The audit trail, {@code GET /api/admin/events}, in Liberty (H2 and PostgreSQL): each event made through the real
 * endpoints shows up with its fields, the filters, paging, the 400s and 403s. Each test makes its own user or
 * client and filters on it, so that the other tests' events do not matter.
 */
class AuditEventsIT {

    private static final String EVENTS = "/api/admin/events";
    /** What the server sees as the address of this test's requests (loopback). */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(String query) {
        HttpResponse<String> response = LibertyServer.get(EVENTS + "?" + query, ADMIN_HEADERS);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return (List<Map<String, Object>>) json(response).get("items");
    }

    private static Map<String, Object> only(String query) {
        List<Map<String, Object>> found = events(query);
        assertEquals(1, found.size(), () -> query + ": " + found);
        return found.get(0);
    }

    private static String adminId() {
        return (String) ((Map<?, ?>) ((List<?>) json(LibertyServer.get("/api/admin/users?page=1&size=1",
                ADMIN_HEADERS)).get("items")).get(0)).get("id");
    }

    private static void assertEvent(Map<String, Object> event, String type, String outcome, String actor,
                                    String subject, String client) {
        assertEquals(type, event.get("type"), event::toString);
        assertEquals(outcome, event.get("outcome"), event::toString);
        assertEquals(actor, event.get("actor"), event::toString);
        assertEquals(subject, event.get("subject"), event::toString);
        assertEquals(client, event.get("client"), event::toString);
        assertTrue(LOOPBACK.contains((String) event.get("address")), event::toString);
        assertTrue(event.get("detail") instanceof Map, event::toString);
        assertTrue(((String) event.get("id")).length() > 0);
        Instant.parse((String) event.get("time"));
        assertEquals(List.of("id", "time", "type", "outcome", "actor", "subject", "client", "address", "detail"),
                List.copyOf(event.keySet()), "every member, null ones too");
    }

    @Test
    void userAdministrationIsRecordedWithTheAdminAsActor() {
        TestUser user = Accounts.createUser("audited");
        String admin = adminId();
        assertEquals(200, send("PUT", "/api/admin/users/" + user.id() + "/roles", "{\"roles\":[\"auditor\"]}",
                ADMIN_HEADERS).statusCode());
        assertEquals(204, send("POST", "/api/admin/users/" + user.id() + "/password",
                "{\"password\":\"another-password-1\"}", ADMIN_HEADERS).statusCode());
        assertEquals(200, send("POST", "/api/admin/users/" + user.id() + "/disable", null, ADMIN_HEADERS)
                .statusCode());
        assertEquals(200, send("POST", "/api/admin/users/" + user.id() + "/enable", null, ADMIN_HEADERS)
                .statusCode());

        List<Map<String, Object>> events = events("subject=" + user.id());

        assertEquals(List.of("user.enabled", "user.disabled", "user.password-reset", "user.roles-changed",
                "user.created"), events.stream().map(e -> e.get("type")).toList(), "newest first");
        events.forEach(event -> assertEvent(event, (String) event.get("type"), "success", admin, user.id(), null));
        assertEquals(Map.of("roles", List.of("auditor")), events.get(3).get("detail"));
        String body = LibertyServer.get(EVENTS + "?subject=" + user.id(), ADMIN_HEADERS).body();
        assertFalse(body.contains("another-password-1"), body);
        assertFalse(body.contains(user.password()), body);
        assertFalse(body.contains(user.email()), "events name users by id: " + body);
    }

    @Test
    void signInsAreRecordedAndAFailureNamesNoAccount() {
        TestUser user = Accounts.createUser("signin");
        assertEquals(400, Accounts.passwordGrant(user.email(), "wrong-password-1").statusCode());
        assertEquals(200, Accounts.passwordGrant(user.email(), user.password()).statusCode());

        Map<String, Object> succeeded = only("type=login.succeeded&subject=" + user.id());
        assertEvent(succeeded, "login.succeeded", "success", user.id(), user.id(), "it-app");
        assertEquals(Map.of("via", "password-grant"), succeeded.get("detail"));
        // The failure names no account: found by time and client only; none of them holds what was typed.
        String since = (String) succeeded.get("time");
        HttpResponse<String> failures = LibertyServer.get(EVENTS + "?type=login.failed&client=it-app&pageSize=100",
                ADMIN_HEADERS);
        assertEquals(200, failures.statusCode());
        assertFalse(failures.body().contains(user.email()), failures.body());
        assertFalse(failures.body().contains("wrong-password-1"), failures.body());
        Map<String, Object> failed = events("type=login.failed&client=it-app&pageSize=1").get(0);
        assertEvent(failed, "login.failed", "failure", null, null, "it-app");
        assertTrue(Instant.parse((String) failed.get("time")).compareTo(Instant.parse(since)) <= 0);
    }

    @Test
    void aLockedSignInIsRecorded() {
        TestUser user = Accounts.createUser("locked");
        HttpResponse<String> response;
        int attempts = 0;
        do {
            response = Accounts.passwordGrant(user.email(), "wrong-password-" + attempts);
            attempts++;
        } while (response.headers().firstValue("Retry-After").isEmpty() && attempts < 60);
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), "locked after " + attempts);

        Map<String, Object> locked = events("type=login.locked&client=it-app&pageSize=1").get(0);
        assertEvent(locked, "login.locked", "failure", null, null, "it-app");
        assertFalse(LibertyServer.get(EVENTS + "?type=login.locked", ADMIN_HEADERS).body().contains(user.email()));
    }

    @Test
    void refreshTokenReuseIsRecorded() {
        TestUser user = Accounts.createUser("reuse");
        String first = (String) Accounts.tokens(user.email(), user.password()).get("refresh_token");
        HttpResponse<String> second = Accounts.refreshGrant(first);
        assertEquals(200, second.statusCode(), second.body());
        String secondToken = (String) json(second).get("refresh_token");
        assertEquals(200, Accounts.refreshGrant(secondToken).statusCode());

        assertEquals(400, Accounts.refreshGrant(first).statusCode(), "a reuse");

        Map<String, Object> reused = only("type=refresh-token.reused&subject=" + user.id());
        assertEvent(reused, "refresh-token.reused", "failure", "it-app", user.id(), "it-app");
        String body = LibertyServer.get(EVENTS + "?subject=" + user.id(), ADMIN_HEADERS).body();
        assertFalse(body.contains(first), body);
        assertFalse(body.contains(secondToken), body);
    }

    @Test
    void registeredClientsAreRecordedFromCreationToDeletion() {
        Map<String, Object> registration = Registrations.registered("{\"client_name\":\"Audited\","
                + "\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"client_secret_basic\"}");
        String clientId = (String) registration.get("client_id");
        String admin = adminId();
        Map<String, Object> update = new java.util.LinkedHashMap<>(Map.of("client_id", clientId,
                "client_name", "Audited again", "grant_types", List.of("client_credentials"),
                "token_endpoint_auth_method", "client_secret_basic"));
        HttpResponse<String> updated = send("PUT", Registrations.path(registration),
                com.nimbusds.jose.util.JSONObjectUtils.toJSONString(update), "Authorization",
                Registrations.bearer(registration));
        assertEquals(200, updated.statusCode(), updated.body());
        String newBearer = "Bearer " + json(updated).get("registration_access_token");
        assertEquals(204, send("DELETE", Registrations.path(registration), null, "Authorization", newBearer)
                .statusCode());

        List<Map<String, Object>> events = events("client=" + clientId);

        assertEquals(List.of("client.deleted", "client.updated", "client.created"),
                events.stream().map(e -> e.get("type")).toList());
        assertEvent(events.get(2), "client.created", "success", admin, null, clientId);
        assertEvent(events.get(1), "client.updated", "success", clientId, null, clientId);
        assertEvent(events.get(0), "client.deleted", "success", clientId, null, clientId);
        String body = LibertyServer.get(EVENTS + "?client=" + clientId, ADMIN_HEADERS).body();
        assertFalse(body.contains((String) registration.get("client_secret")), body);
        assertFalse(body.contains((String) registration.get("registration_access_token")), body);
    }

    @Test
    void serviceClientSecretRotationIsRecorded() {
        TestUser owner = Accounts.createUser("rotating");
        HttpResponse<String> created = send("POST", "/api/service-clients", "{\"name\":\"Audited job\"}",
                owner.headers());
        assertEquals(201, created.statusCode(), created.body());
        String clientId = (String) json(created).get("client_id");
        HttpResponse<String> rotated = send("POST", "/api/service-clients/" + clientId + "/rotate-secret", null,
                owner.headers());
        assertEquals(200, rotated.statusCode(), rotated.body());

        List<Map<String, Object>> events = events("client=" + clientId);

        assertEquals(List.of("client.secret-rotated", "client.created"), events.stream().map(e -> e.get("type"))
                .toList());
        assertEvent(events.get(0), "client.secret-rotated", "success", owner.id(), null, clientId);
        assertEvent(events.get(1), "client.created", "success", owner.id(), null, clientId);
        String body = LibertyServer.get(EVENTS + "?client=" + clientId, ADMIN_HEADERS).body();
        assertFalse(body.contains((String) json(created).get("client_secret")), body);
        assertFalse(body.contains((String) json(rotated).get("client_secret")), body);
    }

    @Test
    void aRefusedRegistrationIsRecorded() {
        String before = Instant.now().minusSeconds(1).toString();
        assertEquals(401, Registrations.register("{\"client_name\":\"Refused\"}").statusCode());

        Map<String, Object> refused = events("type=registration.refused&from=" + before + "&pageSize=100")
                .stream().filter(e -> "invalid_token".equals(((Map<?, ?>) e.get("detail")).get("error")))
                .findFirst().orElseThrow();
        assertEvent(refused, "registration.refused", "failure", null, null, null);
    }

    @Test
    void tokenIssuanceIsNotRecordedByDefault() {
        Registrations.clientToken("it-service", "it-service-secret-0123456789", "read");

        assertEquals(List.of(), events("type=token.issued&client=it-service"));
    }

    @Test
    void timeRangeAndPagingNarrowTheListing() {
        TestUser user = Accounts.createUser("ranged");
        send("POST", "/api/admin/users/" + user.id() + "/disable", null, ADMIN_HEADERS);
        send("POST", "/api/admin/users/" + user.id() + "/enable", null, ADMIN_HEADERS);
        List<Map<String, Object>> all = events("subject=" + user.id());
        assertEquals(3, all.size());
        String middle = (String) all.get(1).get("time");

        HttpResponse<String> page = LibertyServer.get(EVENTS + "?subject=" + user.id() + "&page=2&pageSize=2",
                ADMIN_HEADERS);
        Map<String, Object> body = json(page);
        assertEquals(List.of(all.get(2)), body.get("items"));
        assertEquals(Map.of("total_count", 3L, "max_page", 2L), body.get("pagination"));
        assertEquals(List.of(all.get(1), all.get(2)), events("subject=" + user.id() + "&to="
                + Instant.parse(middle).plusNanos(1000)));
        assertEquals(List.of(all.get(0), all.get(1)), events("subject=" + user.id() + "&from=" + middle));
        assertEquals(List.of(all.get(1)), events("subject=" + user.id() + "&type=user.disabled"));
    }

    @ParameterizedTest
    @CsvSource({"page=0,page", "pageSize=101,pageSize", "pageSize=x,pageSize", "type=user.exploded,type",
            "from=yesterday,from", "to=2026-12-06,to", "from=2026-12-06T13:00:00Z&to=2026-12-06T12:00:00Z,from"})
    void badParametersAreAValidationProblemNamingThem(String query, String parameter) {
        Map<String, Object> problem = Problems.assertProblem(LibertyServer.get(EVENTS + "?" + query, ADMIN_HEADERS),
                ProblemType.VALIDATION);

        assertEquals(Set.of(parameter), ((Map<?, ?>) problem.get("errors")).keySet());
    }

    @Test
    void onlyAnAdminMayReadTheTrail() {
        TestUser plain = Accounts.createUser("nosy");

        Problems.assertProblem(LibertyServer.get(EVENTS, plain.headers()), ProblemType.INSUFFICIENT_ROLE);
        Problems.assertProblem(LibertyServer.get(EVENTS), ProblemType.MISSING_CREDENTIALS);
    }
}
