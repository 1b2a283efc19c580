package dev.tollgate.it.admin;

import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.assertOAuthError;
import static dev.tollgate.it.registration.Registrations.json;
import static dev.tollgate.it.registration.Registrations.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.admin.Accounts.TestUser;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin API for user accounts, {@code /api/admin/users}, in Liberty (H2 and PostgreSQL). */
class AdminUsersIT {

    private static final String USERS = "/api/admin/users";

    @Test
    void adminCreatesAUserWhoCanThenUseThePlainHeaders() {
        String email = Accounts.uniqueEmail("Created");
        HttpResponse<String> response = send("POST", USERS, "{\"email\":\"" + email
                + "\",\"password\":\"created-password\",\"roles\":[\"auditor\"]}", ADMIN_HEADERS);

        assertEquals(201, response.statusCode(), response.body());
        Map<String, Object> user = json(response);
        String id = (String) user.get("id");
        assertTrue(response.headers().firstValue("Location").orElseThrow().endsWith(USERS + "/" + id));
        assertEquals(email, user.get("email"));
        assertEquals(List.of("auditor"), user.get("roles"));
        assertEquals(true, user.get("enabled"));
        assertFalse(response.body().contains("created-password"));
        assertFalse(response.body().contains("password"), "no hash either: " + response.body());
        HttpResponse<String> me = LibertyServer.get("/api/me", "X-API-Email", email, "X-API-Password",
                "created-password");
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("auditor"), me.body());
        assertEquals(user, json(LibertyServer.get(USERS + "/" + id, ADMIN_HEADERS)));
    }

    @Test
    void aTakenEmailIsAConflict() {
        TestUser taken = Accounts.createUser("taken");

        Problems.assertProblem(send("POST", USERS, "{\"email\":\"" + taken.email().toUpperCase()
                + "\",\"password\":\"another-password\"}", ADMIN_HEADERS), ProblemType.CONFLICT);
    }

    @Test
    void invalidFieldsAreAValidationProblemNamingEachField() {
        Map<String, Object> problem = Problems.assertProblem(send("POST", USERS,
                "{\"email\":\"not an email\",\"password\":\"short\",\"roles\":[\"has space\"]}", ADMIN_HEADERS),
                ProblemType.VALIDATION);

        assertEquals(Set.of("email", "password", "roles"), ((Map<?, ?>) problem.get("errors")).keySet());
        Map<String, Object> empty = Problems.assertProblem(send("POST", USERS, "{}", ADMIN_HEADERS),
                ProblemType.VALIDATION);
        assertEquals(Set.of("email", "password"), ((Map<?, ?>) empty.get("errors")).keySet());
    }

    @Test
    void malformedJsonIsABadRequest() {
        Problems.assertProblem(send("POST", USERS, "{\"email\":", ADMIN_HEADERS), ProblemType.BAD_REQUEST);
        Problems.assertProblem(send("POST", USERS, "{\"roles\":\"admin\"}", ADMIN_HEADERS),
                ProblemType.BAD_REQUEST);
    }

    @Test
    void onlyAnAdminMayManageUsers() {
        TestUser plain = Accounts.createUser("plain");

        Problems.assertProblem(LibertyServer.get(USERS, plain.headers()), ProblemType.INSUFFICIENT_ROLE);
        Problems.assertProblem(send("POST", USERS, "{\"email\":\"x@example.com\",\"password\":\"xxxxxxxxxx\"}",
                plain.headers()), ProblemType.INSUFFICIENT_ROLE);
        Problems.assertProblem(send("POST", USERS + "/" + plain.id() + "/disable", null, plain.headers()),
                ProblemType.INSUFFICIENT_ROLE);
        Problems.assertProblem(LibertyServer.get(USERS), ProblemType.MISSING_CREDENTIALS);
    }

    @Test
    void listingIsPaginatedOldestFirst() {
        Accounts.createUser("listed");

        HttpResponse<String> response = LibertyServer.get(USERS + "?page=1&size=2", ADMIN_HEADERS);

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> body = json(response);
        List<?> items = (List<?>) body.get("items");
        Map<?, ?> pagination = (Map<?, ?>) body.get("pagination");
        long total = ((Number) pagination.get("total_count")).longValue();
        assertTrue(total >= 2, response.body());
        assertEquals(2, items.size());
        assertEquals((total + 1) / 2, ((Number) pagination.get("max_page")).longValue());
        assertEquals("admin@it.tollgate.dev", ((Map<?, ?>) items.get(0)).get("email"), "the bootstrap admin first");
        assertFalse(response.body().contains("password"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=101", "size=0", "page=0", "page=-1", "size=abc"})
    void outOfBoundsPagingIsAValidationProblem(String query) {
        Map<String, Object> problem = Problems.assertProblem(LibertyServer.get(USERS + "?" + query, ADMIN_HEADERS),
                ProblemType.VALIDATION);
        assertFalse(((Map<?, ?>) problem.get("errors")).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000-0000-0000-0000-000000000000", "1-2-3-4-5", "not-an-id"})
    void unknownUsersAreNotFound(String id) {
        Problems.assertProblem(LibertyServer.get(USERS + "/" + id, ADMIN_HEADERS), ProblemType.NOT_FOUND);
        Problems.assertProblem(send("POST", USERS + "/" + id + "/disable", null, ADMIN_HEADERS),
                ProblemType.NOT_FOUND);
        Problems.assertProblem(send("POST", USERS + "/" + id + "/password", "{\"password\":\"long-enough-1\"}",
                ADMIN_HEADERS), ProblemType.NOT_FOUND);
    }

    @Test
    void anAdminCannotDisableTheirOwnAccount() {
        String adminId = (String) ((Map<?, ?>) ((List<?>) json(LibertyServer.get(USERS + "?size=1", ADMIN_HEADERS))
                .get("items")).get(0)).get("id");

        Problems.assertProblem(send("POST", USERS + "/" + adminId + "/disable", null, ADMIN_HEADERS),
                ProblemType.CONFLICT);
    }

    @Test
    void disablingEndsThePlainHeadersTheTokensAndTheRefreshTokens() {
        TestUser user = Accounts.createUser("disabled");
        // The gate now holds the plain headers in its verified-credential cache, and the user holds tokens.
        assertEquals(200, LibertyServer.get("/api/me", user.headers()).statusCode());
        Map<String, Object> tokens = Accounts.tokens(user.email(), user.password());
        String bearer = "Bearer " + tokens.get("access_token");
        assertEquals(200, LibertyServer.get("/api/me", "Authorization", bearer).statusCode());

        HttpResponse<String> disabled = send("POST", USERS + "/" + user.id() + "/disable", null, ADMIN_HEADERS);

        assertEquals(200, disabled.statusCode(), disabled.body());
        assertEquals(false, json(disabled).get("enabled"));
        // This node forgets its cached verdicts at once: plain headers, the access token, the refresh token.
        Problems.assertProblem(LibertyServer.get("/api/me", user.headers()), ProblemType.INVALID_CREDENTIALS);
        HttpResponse<String> refused = LibertyServer.get("/api/me", "Authorization", bearer);
        Problems.assertProblem(refused, ProblemType.TOKEN_REVOKED);
        assertEquals("true", refused.headers().firstValue("X-API-Revoked").orElse(null));
        assertOAuthError(Accounts.refreshGrant((String) tokens.get("refresh_token")), 400, "invalid_grant");
        assertOAuthError(Accounts.passwordGrant(user.email(), user.password()), 400, "invalid_grant");

        HttpResponse<String> enabled = send("POST", USERS + "/" + user.id() + "/enable", null, ADMIN_HEADERS);
        assertEquals(true, json(enabled).get("enabled"));
        assertEquals(200, LibertyServer.get("/api/me", user.headers()).statusCode());
        assertOAuthError(Accounts.refreshGrant((String) tokens.get("refresh_token")), 400, "invalid_grant");
    }

    @Test
    void passwordResetEndsTheOldPasswordAndTheRefreshTokens() throws InterruptedException {
        TestUser user = Accounts.createUser("reset");
        assertEquals(200, LibertyServer.get("/api/me", user.headers()).statusCode());
        Map<String, Object> tokens = Accounts.tokens(user.email(), user.password());

        HttpResponse<String> reset = send("POST", USERS + "/" + user.id() + "/password",
                "{\"password\":\"the-new-password\"}", ADMIN_HEADERS);

        assertEquals(204, reset.statusCode(), reset.body());
        assertEquals(200, LibertyServer.get("/api/me", user.headers("the-new-password")).statusCode());
        assertOAuthError(Accounts.passwordGrant(user.email(), user.password()), 400, "invalid_grant");
        assertOAuthError(Accounts.refreshGrant((String) tokens.get("refresh_token")), 400, "invalid_grant");
        // The gate may serve the old pair from its cache for tollgate.gate.plain-headers.cache-ttl (5 s here).
        HttpResponse<String> old = Accounts.until(() -> LibertyServer.get("/api/me", user.headers()),
                status -> status == 401, Duration.ofSeconds(15));
        Problems.assertProblem(old, ProblemType.INVALID_CREDENTIALS);
    }

    @Test
    void rolesAreReplacedAndReachThePlainHeadersWithinTheCacheBound() throws InterruptedException {
        TestUser user = Accounts.createUser("promoted", "user");
        Problems.assertProblem(LibertyServer.get("/api/admin/stats", user.headers()), ProblemType.INSUFFICIENT_ROLE);

        HttpResponse<String> changed = send("PUT", USERS + "/" + user.id() + "/roles",
                "{\"roles\":[\"admin\",\"user\"]}", ADMIN_HEADERS);

        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(List.of("admin", "user"), json(changed).get("roles"));
        // The gate may serve the old roles from its cache for tollgate.gate.plain-headers.cache-ttl (5 s here).
        HttpResponse<String> stats = Accounts.until(() -> LibertyServer.get("/api/admin/stats", user.headers()),
                status -> status == 200, Duration.ofSeconds(15));
        assertEquals(200, stats.statusCode(), stats.body());
        Map<String, Object> problem = Problems.assertProblem(send("PUT", USERS + "/" + user.id() + "/roles",
                "{\"roles\":[\"bad role\"]}", ADMIN_HEADERS), ProblemType.VALIDATION);
        assertEquals(Set.of("roles"), ((Map<?, ?>) problem.get("errors")).keySet());
    }

    @Test
    void aTooShortNewPasswordIsAValidationProblem() {
        TestUser user = Accounts.createUser("weak");

        Map<String, Object> problem = Problems.assertProblem(send("POST", USERS + "/" + user.id() + "/password",
                "{\"password\":\"short\"}", ADMIN_HEADERS), ProblemType.VALIDATION);
        assertEquals(Set.of("password"), ((Map<?, ?>) problem.get("errors")).keySet());
        assertEquals(200, LibertyServer.get("/api/me", user.headers()).statusCode(), "unchanged");
    }
}
