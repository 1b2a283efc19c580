package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.support.JaxRsResources;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.RawHttp;
import dev.tollgate.it.support.RawHttp.Answer;
import dev.tollgate.it.support.ServerLog;
import dev.tollgate.war.TollgateApplication;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed HTTP at every endpoint of the WAR: {@code Accept}, {@code Host} and {@code Content-Type} that do not parse,
 * bad percent-encoding in the path and the query, repeated headers and oversized values, each sent anonymously and as
 * the bootstrap administrator (so that the gated resources are reached too), over a raw socket where
 * {@code HttpClient} would refuse the request. None may be answered with a 5xx, and the server log may gain no error
 * line, no stack trace and no FFDC incident while they are sent (issue 11, finding 6: each such 500 cost about 4.9 KB
 * of log, and about 8,000 of them rolled the security warnings out of Liberty's logs).
 *
 * <p>The endpoints are the WAR's JAX-RS resource methods, found by reflection ({@link JaxRsResources}), so an endpoint
 * added later is attacked without editing this test; a path parameter is given a value that names nothing. Some
 * requests are refused by Liberty before the WAR (a 300 KiB header, a bad Host): a 4xx that logs nothing is fine.
 */
class RobustnessIT {

    private static final String ADMIN = "admin@it.tollgate.dev";
    private static final String ADMIN_PASSWORD = "it-admin-password-1";
    private static final String SERVICE_BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "it-service:it-service-secret-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    /** One way to send a request: anonymously, or with the administrator's plain headers. */
    private static final List<UnaryOperator<RawHttp>> CALLERS = List.of(
            request -> request,
            request -> request.header("X-API-Email", ADMIN).header("X-API-Password", ADMIN_PASSWORD));

    private static List<JaxRsResources.Endpoint> endpoints;

    /** A malformed request: what it changes on a well-formed one. */
    private record Case(String name, UnaryOperator<RawHttp> change) {
    }

    @BeforeAll
    static void findEndpoints() {
        endpoints = JaxRsResources.beside(TollgateApplication.class).endpoints();
        assertTrue(endpoints.size() >= 30, () -> "the scan found the WAR's endpoints: " + endpoints);
    }

    @Test
    void malformedAcceptIsNeverAServerErrorNorLogged() {
        assertNoServerErrorNorLog(List.of(
                header("Accept with a weight that is no number", "Accept", "text/html;q=abc"),
                header("Accept with a weight over 1", "Accept", "application/json;q=5"),
                header("Accept of semicolons", "Accept", ";;;"),
                header("Accept of a bare slash", "Accept", "/"),
                header("Accept without a subtype", "Accept", "text/, application/json"),
                header("Accept of garbage", "Accept", "*/ht ml,,;=;,\u0001"),
                header("Accept-Language with a weight that is no number", "Accept-Language", "en;q=abc"),
                header("Accept-Language of garbage", "Accept-Language", ";;;q=abc,,@@")));
    }

    @Test
    void malformedHostIsNeverAServerErrorNorLogged() {
        assertNoServerErrorNorLog(List.of(
                host("Host with an underscore", "a_b"),
                host("Host with a space", "x y"),
                host("empty Host", ""),
                host("Host of 10,000 chars", "h".repeat(10_000)),
                host("Host that is not ASCII", "h\u00e9te.example"),
                host("Host with a port that is no number", "localhost:abc"),
                new Case("no Host at all", RawHttp::withoutDefaultHost)));
    }

    @Test
    void malformedContentTypeIsNeverAServerErrorNorLogged() {
        assertNoServerErrorNorLog(List.of(
                header("form with an unknown charset", "Content-Type",
                        "application/x-www-form-urlencoded; charset=bogus"),
                header("JSON with an unknown charset", "Content-Type", "application/json; charset=bogus"),
                header("JSON with an illegal charset name", "Content-Type", "application/json; charset=@@@"),
                header("Content-Type of garbage", "Content-Type", ";;==;"),
                header("multipart without a boundary", "Content-Type", "multipart/form-data"),
                new Case("multipart with a part", request -> request
                        .header("Content-Type", "multipart/form-data; boundary=b0")
                        .body("--b0\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\n"
                                + "client_credentials\r\n--b0--\r\n"))));
    }

    @Test
    void badPercentEncodingIsNeverAServerErrorNorLogged() {
        List<String> suffixes = List.of("/%ZZ", "%", "/%G1x", "/%C0%AF", "/%E9t%E9", "?x=%ZZ", "?client_id=%ZZ",
                "?%=&&=%&request_id=%", "?page=%C0%AF&size=%FF");
        List<String> failures = new ArrayList<>();
        ServerLog log = ServerLog.mark();
        for (JaxRsResources.Endpoint endpoint : endpoints) {
            for (String suffix : suffixes) {
                for (UnaryOperator<RawHttp> caller : CALLERS) {
                    RawHttp request = caller.apply(RawHttp.request(endpoint.httpMethod(), path(endpoint) + suffix)
                            .header("Content-Type", "application/x-www-form-urlencoded").body("a=%ZZ&b=%"));
                    check(request, endpoint.httpMethod() + " " + path(endpoint) + suffix, failures);
                }
            }
        }
        assertClean(failures, log);
    }

    @Test
    void duplicateHeadersAreNeverAServerErrorNorLogged() {
        assertNoServerErrorNorLog(List.of(
                new Case("two Authorization", request -> request.header("Authorization", "Bearer a.b.c")
                        .header("Authorization", SERVICE_BASIC)),
                new Case("two Content-Type", request -> request.header("Content-Type", "application/json")
                        .header("Content-Type", "application/x-www-form-urlencoded")),
                new Case("two Host", request -> request.header("Host", "localhost").header("Host", "evil.example"))));
    }

    @Test
    void oversizedHeaderValuesAreNeverAServerErrorNorLogged() {
        assertNoServerErrorNorLog(List.of(
                header("Accept of 100 KiB", "Accept", "a".repeat(100 * 1024)),
                header("Bearer token of 100 KiB", "Authorization", "Bearer " + "a".repeat(100 * 1024)),
                header("Content-Type of 100 KiB", "Content-Type", "application/json; x=" + "a".repeat(100 * 1024)),
                header("Cookie of 100 KiB", "Cookie", "JSESSIONID=" + "a".repeat(100 * 1024)),
                header("a header over Liberty's 256 KiB limit", "X-Big", "a".repeat(300 * 1024))));
    }

    /** Finding 6, as reported: RESTEasy's 400 for a weight that is no number was a 500 with a SEVERE stack trace. */
    @Test
    void acceptWithAWeightThatIsNoNumberIsTheBadRequestProblem() {
        ServerLog log = ServerLog.mark();

        Answer answer = RawHttp.request("GET", "/api/status").header("Accept", "text/html;q=abc").send();

        assertEquals(400, answer.status(), answer::body);
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.header("Content-Type"));
        Map<String, Object> problem = json(answer);
        assertEquals(ProblemType.BAD_REQUEST.type().toString(), problem.get("type"));
        assertEquals(400, ((Number) problem.get("status")).intValue());
        assertEquals("/api/status", problem.get("instance"));
        assertFalse(answer.body().contains("Exception"), answer::body);
        assertEquals(List.of(), log.problems());
    }

    @Test
    void acceptWithAWeightThatIsNoNumberAtTheTokenEndpointIsInvalidRequest() {
        Answer answer = RawHttp.request("POST", "/oauth2/token").header("Accept", "application/json;q=abc")
                .header("Content-Type", "application/x-www-form-urlencoded").body("grant_type=client_credentials")
                .send();

        assertEquals(400, answer.status(), answer::body);
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("invalid_request", json(answer).get("error"));
    }

    /** Finding 6, as reported: Host a_b or x y was a NullPointerException in Issuer on these three endpoints. */
    @Test
    void hostThatIsNoHostNameGetsTheConfiguredIssuerFromDiscoveryTokenAndIntrospection() {
        ServerLog log = ServerLog.mark();
        for (String host : List.of("a_b", "x y")) {
            Answer discovery = RawHttp.request("GET", "/.well-known/openid-configuration").header("Host", host)
                    .send();
            assertEquals(200, discovery.status(), discovery::body);
            assertEquals(LibertyServer.baseUrl(), json(discovery).get("issuer"));

            Answer token = RawHttp.request("POST", "/oauth2/token").header("Host", host)
                    .header("Authorization", SERVICE_BASIC)
                    .header("Content-Type", "application/x-www-form-urlencoded").body("grant_type=client_credentials")
                    .send();
            assertEquals(200, token.status(), token::body);
            String accessToken = (String) json(token).get("access_token");

            Answer introspection = RawHttp.request("POST", "/oauth2/introspect").header("Host", host)
                    .header("Authorization", SERVICE_BASIC)
                    .header("Content-Type", "application/x-www-form-urlencoded").body("token=" + accessToken).send();
            assertEquals(200, introspection.status(), introspection::body);
            Map<String, Object> answer = json(introspection);
            assertEquals(Boolean.TRUE, answer.get("active"));
            assertEquals(LibertyServer.baseUrl(), answer.get("iss"));
        }
        assertEquals(List.of(), log.problems());
    }

    /** RESTEasy decodes every path as UTF-8 before dispatch, and logged a stack trace when it could not. */
    @Test
    void pathThatIsNotPercentEncodedUtf8IsTheBadRequestProblem() {
        ServerLog log = ServerLog.mark();

        Answer answer = RawHttp.request("GET", "/api/items/%C0%AF").header("X-API-Email", ADMIN)
                .header("X-API-Password", ADMIN_PASSWORD).send();

        assertEquals(400, answer.status(), answer::body);
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.header("Content-Type"));
        assertEquals(ProblemType.BAD_REQUEST.type().toString(), json(answer).get("type"));
        assertEquals(List.of(), log.problems());
    }

    /** Finding 12: an unknown charset at the token endpoint was answered with a problem, not the OAuth error. */
    @Test
    void unknownCharsetAtTheTokenEndpointIsInvalidRequest() {
        Answer answer = RawHttp.request("POST", "/oauth2/token").header("Authorization", SERVICE_BASIC)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=bogus")
                .body("grant_type=client_credentials").send();

        assertEquals(400, answer.status(), answer::body);
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("invalid_request", json(answer).get("error"));
    }

    /**
     * An encoded {@code /}, {@code .} or {@code \} in the path: Liberty refuses it itself (Servlet 6.0 §3.5.2), with
     * 400, before the WAR. It does log that at E level with a stack trace (SRVE0315E), which no setting of ours
     * can stop short of turning the check off: only the status is asserted here.
     */
    @Test
    void suspiciousEncodedPathIsRefusedByLibertyWith400() {
        for (String path : List.of("/api/status%2F..%2F", "/api/items/%2e%2e/status", "/api/status%5C")) {
            assertEquals(400, RawHttp.request("GET", path).send().status(), path);
        }
    }

    private void assertNoServerErrorNorLog(List<Case> cases) {
        List<String> failures = new ArrayList<>();
        ServerLog log = ServerLog.mark();
        for (JaxRsResources.Endpoint endpoint : endpoints) {
            for (Case malformed : cases) {
                for (UnaryOperator<RawHttp> caller : CALLERS) {
                    RawHttp request = RawHttp.request(endpoint.httpMethod(), path(endpoint));
                    request = malformed.change().apply(caller.apply(request));
                    if (endpoint.httpMethod().equals("POST") || endpoint.httpMethod().equals("PUT")) {
                        request.body("grant_type=client_credentials");
                    }
                    check(request, endpoint.httpMethod() + " " + path(endpoint) + " with " + malformed.name(),
                            failures);
                }
            }
        }
        assertClean(failures, log);
    }

    /** Both, so that a failure of one does not hide the other. */
    private static void assertClean(List<String> failures, ServerLog log) {
        List<String> logged = log.problems();
        assertAll(() -> assertEquals(List.of(), failures, "5xx answers"),
                () -> assertEquals(List.of(), logged, "what the server logged"));
    }

    private static void check(RawHttp request, String what, List<String> failures) {
        Answer answer = request.send();
        if (answer.status() >= 500) {
            failures.add(what + ": " + answer.status());
        }
    }

    /** The endpoint's path with every path parameter given a value that names nothing. */
    private static String path(JaxRsResources.Endpoint endpoint) {
        return endpoint.normalizedPath().replace("{}", "no-such-id");
    }

    private static Case header(String name, String header, String value) {
        return new Case(name, request -> request.header(header, value));
    }

    private static Case host(String name, String value) {
        return new Case(name, request -> request.header("Host", value));
    }

    private static Map<String, Object> json(Answer answer) {
        try {
            return JSONObjectUtils.parse(answer.body());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }
}
