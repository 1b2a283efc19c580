package dev.tollgate.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.error.ProblemType;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

/** Assertions on RFC 9457 problem responses. */
public final class Problems {

    private Problems() {
    }

    /** The response is {@code problemType}'s status with a complete problem+json body of that type. */
    public static Map<String, Object> assertProblem(HttpResponse<String> response, ProblemType problemType) {
        assertEquals(problemType.status(), response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> "Content-Type: " + response.headers().firstValue("Content-Type"));
        Map<String, Object> body = json(response);
        assertEquals(problemType.type().toString(), body.get("type"), response::body);
        assertEquals(problemType.status(), ((Number) body.get("status")).intValue());
        assertTrue(body.get("title") instanceof String, "title");
        assertTrue(body.get("detail") instanceof String, "detail");
        assertTrue(body.get("instance") instanceof String, "instance");
        assertFalse(response.body().contains("Exception"), "no exception in the body: " + response.body());
        assertFalse(response.body().contains("\tat "), "no stack trace in the body");
        return body;
    }

    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
