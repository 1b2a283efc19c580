package dev.tollgate.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code sub} the server gives a user's tokens: the user's opaque id, as the admin API shows it (never the
 * email). Looked up through the admin API with the bootstrap admin's plain headers.
 */
public final class UserSubjects {

    public static final String ADMIN = "admin@it.tollgate.dev";
    private static final String[] ADMIN_HEADERS = {"X-API-Email", ADMIN, "X-API-Password", "it-admin-password-1"};

    private UserSubjects() {
    }

    /** The id of the user with this email; fails when there is none. */
    public static String of(String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        for (int page = 1; ; page++) {
            HttpResponse<String> response = LibertyServer.get("/api/admin/users?size=100&page=" + page, ADMIN_HEADERS);
            assertEquals(200, response.statusCode(), response.body());
            Map<String, Object> body = Problems.json(response);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
            for (Map<String, Object> user : items) {
                if (wanted.equals(((String) user.get("email")).toLowerCase(Locale.ROOT))) {
                    return (String) user.get("id");
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> pagination = (Map<String, Object>) body.get("pagination");
            if (page >= ((Number) pagination.get("max_page")).intValue()) {
                throw new AssertionError("no user " + email);
            }
        }
    }

    /** The bootstrap admin's subject. */
    public static String admin() {
        return of(ADMIN);
    }
}
