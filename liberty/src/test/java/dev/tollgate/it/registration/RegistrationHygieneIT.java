package dev.tollgate.it.registration;

import static dev.tollgate.it.registration.Registrations.ADMIN_HEADERS;
import static dev.tollgate.it.registration.Registrations.assertNoStore;
import static dev.tollgate.it.registration.Registrations.assertOAuthError;
import static dev.tollgate.it.registration.Registrations.basic;
import static dev.tollgate.it.registration.Registrations.enc;
import static dev.tollgate.it.registration.Registrations.json;
import static dev.tollgate.it.registration.Registrations.register;
import static dev.tollgate.it.registration.Registrations.registered;
import static dev.tollgate.it.registration.Registrations.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, finding 11 (registration hygiene), over HTTP: the registration quota and rate limit, display text and
 * redirect URIs that could spoof the consent page, and the registered {@code token_endpoint_auth_method}.
 *
 * <p>The IT server sets {@code tollgate.registration.max-clients-per-owner=5}, {@code rate-limit=10} and
 * {@code rate-window=10m} (profile-it.xml), so one registration every 60 s after a burst of 10. Each limits test uses
 * a fresh user: the administrator, who registers the other tests' clients, is exempt.
 */
class RegistrationHygieneIT {

    private static final String CC = "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}";

    @Test
    void aBurstOfRegistrationsHitsTheRateLimitWith429AndRetryAfter() throws Exception {
        String[] user = bearerOfNewUser("burst");

        List<HttpResponse<String>> responses = inParallel(11, () -> register(CC, user));

        assertEquals(5, count(responses, 201), statuses(responses));
        assertEquals(5, count(responses, 403), statuses(responses));
        responses.stream().filter(r -> r.statusCode() == 403)
                .forEach(r -> assertOAuthError(r, 403, "access_denied"));
        HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst()
                .orElseThrow(() -> new AssertionError(statuses(responses)));
        Map<String, Object> problem = Problems.assertProblem(limited, ProblemType.RATE_LIMITED);
        assertEquals("/oauth2/register", problem.get("instance"));
        assertNoStore(limited);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "one interval at most: " + retryAfter);
    }

    @Test
    void theQuotaHoldsUnderParallelRegistrations() throws Exception {
        String[] user = bearerOfNewUser("quota");
        for (int i = 0; i < 4; i++) {
            assertEquals(201, register(CC, user).statusCode());
        }

        List<HttpResponse<String>> responses = inParallel(6, () -> register(CC, user));

        assertEquals(1, count(responses, 201), statuses(responses));
        responses.stream().filter(r -> r.statusCode() != 201).forEach(r -> assertOAuthError(r, 403, "access_denied"));
        HttpResponse<String> listing = LibertyServer.get("/oauth2/clients?size=100", user);
        assertEquals(200, listing.statusCode(), listing.body());
        assertEquals(5L, ((Number) ((Map<?, ?>) json(listing).get("pagination")).get("total_count")).longValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Evil\\u0000App", "Pay\\u202Elapyap", "Good\\u2066App\\u2069", "Bank\\u200FApp",
        "Zero\\u200BWidth", "Two\\nLines", "Esc\\u001B[31m"})
    void clientNameWithControlOrBidiCharactersIsRefusedNamingTheField(String jsonEscapedName) {
        Map<String, Object> error = assertOAuthError(register("{\"grant_types\":[\"client_credentials\"],"
                + "\"client_name\":\"" + jsonEscapedName + "\"}", ADMIN_HEADERS), 400, "invalid_client_metadata");

        assertTrue(((String) error.get("error_description")).startsWith("client_name "), error.toString());
    }

    @Test
    void clientNameWithARawRightToLeftOverrideInTheUtf8BodyIsRefused() {
        HttpResponse<String> response = LibertyServer.send(LibertyServer.request("/oauth2/register")
                .header("Content-Type", "application/json; charset=utf-8").headers(ADMIN_HEADERS)
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_types\":[\"client_credentials\"],"
                        + "\"client_name\":\"My \u202Egnp.exe\"}", StandardCharsets.UTF_8)).build());

        assertOAuthError(response, 400, "invalid_client_metadata");
    }

    @Test
    void clientNamesInAnyScriptAreStillRegistered() {
        Map<String, Object> body = registered("{\"grant_types\":[\"client_credentials\"],"
                + "\"client_name\":\"\\u0645\\u06CC\\u200C\\u062E\\u0648\\u0627\\u0647\\u0645 Caf\\u00E9\"}");

        assertEquals("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 Caf\u00E9", body.get("client_name"));
    }

    @Test
    void serviceClientNameWithBidiCharactersIsAValidationProblemNamingTheField() {
        HttpResponse<String> response = send("POST", "/api/service-clients",
                "{\"name\":\"Pay\\u202Elapyap\",\"scope\":\"read\"}", bearerOfNewUser("service"));

        Map<String, Object> problem = Problems.assertProblem(response, ProblemType.VALIDATION);
        assertTrue(((Map<?, ?>) problem.get("errors")).containsKey("name"), problem.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example@127.0.0.1/cb", "http://evil.example@localhost:8080/cb",
        "https://user:pass@reg.it.tollgate.dev/cb"})
    void redirectUriWithUserInformationIsRefused(String uri) {
        assertOAuthError(register("{\"redirect_uris\":[\"" + uri + "\"]}", ADMIN_HEADERS), 400,
                "invalid_redirect_uri");
    }

    @Test
    void logoUriWithUserInformationIsRefused() {
        assertOAuthError(register("{\"grant_types\":[\"client_credentials\"],"
                + "\"logo_uri\":\"https://reg.it.tollgate.dev@evil.example/logo.png\"}", ADMIN_HEADERS), 400,
                "invalid_client_metadata");
    }

    @Test
    void aClientRegisteredForBasicThatSendsItsSecretInTheBodyIsAnInvalidClient() {
        Map<String, Object> client = registered(CC);
        String id = (String) client.get("client_id");
        String secret = (String) client.get("client_secret");

        HttpResponse<String> post = form("/oauth2/token", "grant_type=client_credentials&client_id=" + enc(id)
                + "&client_secret=" + enc(secret));

        assertOAuthError(post, 401, "invalid_client");
        assertTrue(post.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
        assertEquals(200, form("/oauth2/token", "grant_type=client_credentials", "Authorization", basic(id, secret))
                .statusCode());
        assertOAuthError(form("/oauth2/introspect", "token=x&client_id=" + enc(id) + "&client_secret=" + enc(secret)),
                401, "invalid_client");
        assertOAuthError(form("/oauth2/revoke", "token=x&client_id=" + enc(id) + "&client_secret=" + enc(secret)),
                401, "invalid_client");
    }

    @Test
    void aClientRegisteredForPostThatUsesBasicIsAnInvalidClientChallengedWithBasic() {
        Map<String, Object> client = registered("""
                {"grant_types":["client_credentials"],"scope":"read",
                 "token_endpoint_auth_method":"client_secret_post"}""");
        String id = (String) client.get("client_id");
        String secret = (String) client.get("client_secret");

        HttpResponse<String> viaBasic = form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                basic(id, secret));

        // RFC 6749 §5.2: Basic was used, so 401 with WWW-Authenticate matching the scheme.
        assertOAuthError(viaBasic, 401, "invalid_client");
        assertTrue(viaBasic.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
        assertEquals(200, form("/oauth2/token", "grant_type=client_credentials&client_id=" + enc(id)
                + "&client_secret=" + enc(secret)).statusCode());
        HttpResponse<String> introspect = form("/oauth2/introspect", "token=x", "Authorization", basic(id, secret));
        assertOAuthError(introspect, 401, "invalid_client");
        assertTrue(introspect.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
    }

    private static HttpResponse<String> form(String path, String body, String... headers) {
        HttpRequest.Builder request = LibertyServer.request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return LibertyServer.send(request.build());
    }

    /** A new user (not an administrator), as the headers of a Bearer token of theirs: cheap to check per request. */
    private static String[] bearerOfNewUser(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@it.tollgate.dev";
        String password = "pw-" + UUID.randomUUID();
        HttpResponse<String> created = send("POST", "/api/admin/users", "{\"email\":\"" + email + "\",\"password\":\""
                + password + "\",\"roles\":[\"user\"]}", ADMIN_HEADERS);
        assertEquals(201, created.statusCode(), created.body());
        return new String[] {"Authorization", "Bearer " + Registrations.userToken(email, password)};
    }

    private static long count(List<HttpResponse<String>> responses, int status) {
        return responses.stream().filter(response -> response.statusCode() == status).count();
    }

    private static String statuses(List<HttpResponse<String>> responses) {
        return responses.stream().map(response -> response.statusCode() + " " + response.body()).toList().toString();
    }

    /** Sends {@code threads} requests released at once. */
    private static <T> List<T> inParallel(int threads, Callable<T> request) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
