package dev.tollgate.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.it.registration.Registrations;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/** Users created by the bootstrap admin through the admin API, for the console's tests. */
final class ConsoleUsers {

    private ConsoleUsers() {
    }

    /** A user with a unique email: {@code {id, email, password}}. */
    record TestUser(String id, String email, String password) {

        String[] headers() {
            return new String[] {"X-API-Email", email, "X-API-Password", password};
        }
    }

    static TestUser create(String name, String... roles) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@console.it.tollgate.dev";
        String password = "pw-" + UUID.randomUUID();
        StringBuilder roleList = new StringBuilder();
        for (String role : roles) {
            roleList.append(roleList.length() == 0 ? "" : ",").append('"').append(role).append('"');
        }
        HttpResponse<String> response = Registrations.send("POST", "/api/admin/users", "{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\",\"roles\":[" + roleList + "]}", Registrations.ADMIN_HEADERS);
        assertEquals(201, response.statusCode(), response.body());
        Map<String, Object> user = Registrations.json(response);
        return new TestUser((String) user.get("id"), email, password);
    }
}
