package dev.tollgate.it;

import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.assertOAuthError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request body over 1 MiB is refused before it is read into memory, with the path's error format: the OAuth
 * {@code invalid_request} on the protocol endpoints, the {@code payload-too-large} problem elsewhere. Both with a
 * declared {@code Content-Length} and chunked, where the size is only known while reading.
 */
class RequestBodyLimitIT {

    private static final int OVER_LIMIT = (1 << 20) + 1;
    private static final String SERVICE_BASIC = Registrations.basic("it-service", "it-service-secret-0123456789");

    /** {@code grant_type=client_credentials&scope=aaaa...}, one byte over the limit. */
    private static byte[] largeForm() {
        String prefix = "grant_type=client_credentials&scope=";
        return (prefix + "a".repeat(OVER_LIMIT - prefix.length())).getBytes(StandardCharsets.US_ASCII);
    }

    /** A JSON object whose {@code name} makes it one byte over the limit. */
    private static byte[] largeJson() {
        String prefix = "{\"name\":\"";
        return (prefix + "n".repeat(OVER_LIMIT - prefix.length() - 2) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body, boolean chunked,
                                             String... headers) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = LibertyServer.request(path).header("Content-Type", contentType).POST(publisher);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return LibertyServer.send(request.build());
    }

    @Test
    void tokenEndpointAnswersInvalidRequestForADeclaredLargeBody() {
        HttpResponse<String> response = post("/oauth2/token", "application/x-www-form-urlencoded", largeForm(),
                false, "Authorization", SERVICE_BASIC);

        assertRefusedBeforeReading(response);
    }

    @Test
    void tokenEndpointAnswersInvalidRequestForAChunkedLargeBody() {
        HttpResponse<String> response = post("/oauth2/token", "application/x-www-form-urlencoded", largeForm(),
                true, "Authorization", SERVICE_BASIC);

        assertRefusedBeforeReading(response);
    }

    /** The limit's answer, not the protocol parser's own 64 KiB check (which runs only on a body read whole). */
    private static void assertRefusedBeforeReading(HttpResponse<String> response) {
        Map<String, Object> error = assertOAuthError(response, 400, "invalid_request");
        assertEquals("The request body is larger than 1024 KiB.", error.get("error_description"));
    }

    @Test
    void adminApiAnswersPayloadTooLarge() {
        Problems.assertProblem(post("/api/admin/users", "application/json", largeJson(), false, ADMIN_HEADERS),
                ProblemType.PAYLOAD_TOO_LARGE);
        Problems.assertProblem(post("/api/admin/users", "application/json", largeJson(), true, ADMIN_HEADERS),
                ProblemType.PAYLOAD_TOO_LARGE);
    }

    @Test
    void aBodyJustUnderTheLimitIsReadAndJudgedOnItsContent() {
        byte[] json = largeJson();
        byte[] under = new byte[json.length - 2];
        System.arraycopy(json, 0, under, 0, under.length - 2);
        under[under.length - 2] = '"';
        under[under.length - 1] = '}';

        HttpResponse<String> response = post("/api/service-clients", "application/json", under, true,
                ADMIN_HEADERS);

        assertEquals(400, response.statusCode(), "a 1 MiB name is a validation problem, not a size problem");
        Problems.assertProblem(response, ProblemType.VALIDATION);
    }
}
