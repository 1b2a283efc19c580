package dev.tollgate.it;

import static dev.tollgate.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo API behind the gate: pagination, its bounds, and the problem bodies of ordinary HTTP errors. */
class DemoApiIT {

    private static final String TOKEN = TestTokens.valid("demo-user", "read");

    @Test
    void itemsComeInPagesWithTotals() {
        HttpResponse<String> response = authorized("/api/items?page=2&size=25");

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> body = Problems.json(response);
        List<?> items = (List<?>) body.get("items");
        assertEquals(25, items.size());
        assertEquals(26L, ((Number) ((Map<?, ?>) items.get(0)).get("id")).longValue());
        Map<?, ?> pagination = (Map<?, ?>) body.get("pagination");
        long total = ((Number) pagination.get("total_count")).longValue();
        assertTrue(total >= 250, "total_count " + total);
        assertEquals((total + 24) / 25, ((Number) pagination.get("max_page")).longValue());
    }

    @Test
    void itemsDefaultToTheFirstPageOfTen() {
        Map<String, Object> body = Problems.json(authorized("/api/items"));

        assertEquals(10, ((List<?>) body.get("items")).size());
    }

    @Test
    void pageSizeOverOneHundredIsAValidationProblemNamingTheParameter() {
        HttpResponse<String> response = authorized("/api/items?size=101");

        Map<String, Object> body = assertProblem(response, ProblemType.VALIDATION);
        assertTrue(((Map<?, ?>) body.get("errors")).containsKey("size"), response.body());
    }

    @Test
    void pageBelowOneIsAValidationProblemNamingTheParameter() {
        HttpResponse<String> response = authorized("/api/items?page=0");

        Map<String, Object> body = assertProblem(response, ProblemType.VALIDATION);
        assertTrue(((Map<?, ?>) body.get("errors")).containsKey("page"), response.body());
    }

    @Test
    void pageThatIsNotANumberIsAValidationProblemNotANotFound() {
        HttpResponse<String> response = authorized("/api/items?page=abc");

        Map<String, Object> body = assertProblem(response, ProblemType.VALIDATION);
        assertTrue(((Map<?, ?>) body.get("errors")).containsKey("page"), response.body());
    }

    @Test
    void unknownPathIsANotFoundProblem() {
        assertProblem(authorized("/api/no-such-thing"), ProblemType.NOT_FOUND);
    }

    @Test
    void wrongMethodIsAMethodNotAllowedProblemWithAllow() {
        HttpResponse<String> response = LibertyServer.send(LibertyServer.request("/api/items")
                .header("Authorization", "Bearer " + TOKEN)
                .DELETE().build());

        assertProblem(response, ProblemType.METHOD_NOT_ALLOWED);
        assertTrue(response.headers().firstValue("Allow").orElse("").contains("GET"), response.headers()::toString);
    }

    @Test
    void unacceptableMediaTypeIsANotAcceptableProblem() {
        HttpResponse<String> response = LibertyServer.send(LibertyServer.request("/api/items")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "image/png")
                .GET().build());

        assertProblem(response, ProblemType.NOT_ACCEPTABLE);
    }

    @Test
    void pingIsTheStatusBehindTheGate() {
        assertProblem(LibertyServer.get("/api/ping"), ProblemType.MISSING_CREDENTIALS);
        HttpResponse<String> response = authorized("/api/ping");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("UP", Problems.json(response).get("status"));
    }

    @Test
    void callerIsDescribedWithScopesAndKind() {
        Map<String, Object> me = Problems.json(authorized("/api/me"));

        assertEquals("demo-user", me.get("subject"));
        assertEquals(List.of("read"), me.get("scopes"));
        assertEquals("JWT", me.get("credential_kind"));
    }

    private static HttpResponse<String> authorized(String path) {
        return LibertyServer.send(LibertyServer.request(path)
                .header("Authorization", "Bearer " + TOKEN)
                .GET().build());
    }
}
