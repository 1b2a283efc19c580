package dev.tollgate.it.admin;

import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/** Users made through the admin API for the account-management integration tests, and polling for bounded effects. */
final class Accounts {

    private Accounts() {
    }

    /** A user created by the bootstrap admin, with a unique email: {@code {id, email, password}}. */
    record TestUser(String id, String email, String password) {

        String[] headers() {
            return new String[] {"X-API-Email", email, "X-API-Password", password};
        }

        String[] headers(String otherPassword) {
            return new String[] {"X-API-Email", email, "X-API-Password", otherPassword};
        }
    }

    static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@it.tollgate.dev";
    }

    static TestUser createUser(String name, String... roles) {
        String email = uniqueEmail(name);
        String password = "pw-" + UUID.randomUUID();
        StringBuilder roleList = new StringBuilder();
        for (String role : roles) {
            roleList.append(roleList.length() == 0 ? "" : ",").append('"').append(role).append('"');
        }
        HttpResponse<String> response = Registrations.send("POST", "/api/admin/users", "{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\",\"roles\":[" + roleList + "]}", ADMIN_HEADERS);
        assertEquals(201, response.statusCode(), response.body());
        return new TestUser((String) json(response).get("id"), email, password);
    }

    /** The token response of the password grant, through the IT's confidential app (it may refresh). */
    static HttpResponse<String> passwordGrant(String email, String password) {
        String form = "grant_type=password&scope=read&username=" + Registrations.enc(email) + "&password="
                + Registrations.enc(password);
        return form(form);
    }

    static HttpResponse<String> refreshGrant(String refreshToken) {
        return form("grant_type=refresh_token&refresh_token=" + Registrations.enc(refreshToken));
    }

    private static HttpResponse<String> form(String form) {
        return LibertyServer.send(LibertyServer.request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Registrations.basic("it-app", "it-app-secret-0123456789ab"))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static Map<String, Object> tokens(String email, String password) {
        HttpResponse<String> response = passwordGrant(email, password);
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /**
     * Repeats {@code request} until its status satisfies {@code done} or {@code within} passes, and returns the last
     * response: for effects bounded in time (a cache on another path), never for timing assertions.
     */
    static HttpResponse<String> until(Supplier<HttpResponse<String>> request, IntPredicate done, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        HttpResponse<String> response = request.get();
        while (!done.test(response.statusCode()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            response = request.get();
        }
        return response;
    }
}
