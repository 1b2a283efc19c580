package dev.tollgate.it.admin;

import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.basic;
import static dev.tollgate.it.registration.Registrations.enc;
import static dev.tollgate.it.registration.Registrations.json;
import static dev.tollgate.it.registration.Registrations.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.admin.Accounts.TestUser;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Finding 10 of issue 11: a user's tokens named the user by email, in {@code sub}, for every resource server to
 * read, and userinfo gave the email and roles to a token whose scope was only {@code read}. Now {@code sub} is the
 * user's opaque, stable id (OpenID Connect Core 1.0 §2), the same after an account change, and userinfo releases
 * claims by scope (§5.4). Plain headers still name the caller by the email they logged in with.
 */
class OpaqueSubjectIT {

    private static JWTClaimsSet claims(Map<String, Object> tokens) {
        try {
            return SignedJWT.parse((String) tokens.get("access_token")).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** The password grant through the IT's confidential app, asking for {@code scope}. */
    private static Map<String, Object> tokens(TestUser user, String scope) {
        HttpResponse<String> response = LibertyServer.send(LibertyServer.request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic("it-app", "it-app-secret-0123456789ab"))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&scope=" + scope.replace(" ", "+")
                        + "&username=" + enc(user.email()) + "&password="
                        + enc(user.password()))).build());
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    private static HttpResponse<String> userInfo(Map<String, Object> tokens) {
        return LibertyServer.get("/oauth2/userinfo", "Authorization", "Bearer " + tokens.get("access_token"));
    }

    @Test
    void tokensNameTheUserByTheOpaqueIdWhichStaysAfterAccountChanges() {
        TestUser user = Accounts.createUser("opaque", "user");

        Map<String, Object> first = tokens(user, "read");
        JWTClaimsSet claims = claims(first);
        assertEquals(user.id(), claims.getSubject());
        assertNotEquals(user.email(), claims.getSubject());
        assertFalse(claims.toString().contains(user.email()), "no claim carries the email: " + claims);

        assertEquals(200, send("PUT", "/api/admin/users/" + user.id() + "/roles", "{\"roles\":[\"auditor\"]}",
                ADMIN_HEADERS).statusCode());
        assertEquals(204, send("POST", "/api/admin/users/" + user.id() + "/password",
                "{\"password\":\"another-password-1\"}", ADMIN_HEADERS).statusCode());
        TestUser changed = new TestUser(user.id(), user.email(), "another-password-1");

        JWTClaimsSet after = claims(tokens(changed, "read"));
        assertEquals(claims.getSubject(), after.getSubject());
        assertEquals(List.of("auditor"), after.getClaim("roles"));
    }

    @Test
    void theDemoApiShowsWhatTheCredentialCarries() {
        TestUser user = Accounts.createUser("demo");

        HttpResponse<String> bearer = LibertyServer.get("/api/me", "Authorization",
                "Bearer " + tokens(user, "read").get("access_token"));
        assertEquals(200, bearer.statusCode(), bearer.body());
        assertEquals(user.id(), Problems.json(bearer).get("subject"));
        HttpResponse<String> plain = LibertyServer.get("/api/me", user.headers());
        assertEquals(200, plain.statusCode(), plain.body());
        assertEquals(user.email().toLowerCase(Locale.ROOT), Problems.json(plain).get("subject"),
                "plain headers: the login name");
    }

    @Test
    void userInfoWithScopeReadGivesTheSubjectAlone() {
        TestUser user = Accounts.createUser("reader", "user");

        HttpResponse<String> response = userInfo(tokens(user, "read"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertEquals(Map.of("sub", user.id()), json(response));
        assertFalse(response.body().contains(user.email()), response.body());
    }

    @Test
    void userInfoReleasesTheEmailWithScopeEmailAndTheRolesWithScopeProfile() {
        TestUser user = Accounts.createUser("mailer", "user");

        Map<String, Object> email = json(userInfo(tokens(user, "read email")));
        assertEquals(Map.of("sub", user.id(), "email", user.email(), "email_verified", false), email);

        Map<String, Object> profile = json(userInfo(tokens(user, "read profile")));
        assertEquals(Set.of("sub", "roles", "updated_at"), profile.keySet());
        assertEquals(List.of("user"), profile.get("roles"));
    }

    @Test
    void aDisabledUsersTokenIsRefusedByTheGateWithTheOpaqueSubject() {
        TestUser user = Accounts.createUser("stopped");
        String bearer = "Bearer " + tokens(user, "read").get("access_token");
        assertEquals(200, LibertyServer.get("/api/me", "Authorization", bearer).statusCode());

        assertEquals(200, send("POST", "/api/admin/users/" + user.id() + "/disable", null, ADMIN_HEADERS)
                .statusCode());

        HttpResponse<String> refused = LibertyServer.get("/api/me", "Authorization", bearer);
        Problems.assertProblem(refused, ProblemType.TOKEN_REVOKED);
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                () -> "WWW-Authenticate: " + refused.headers().allValues("WWW-Authenticate"));
        assertEquals("true", refused.headers().firstValue("X-API-Revoked").orElse(null));
        assertEquals(401, userInfo(Map.of("access_token", bearer.substring(7))).statusCode());
    }
}
