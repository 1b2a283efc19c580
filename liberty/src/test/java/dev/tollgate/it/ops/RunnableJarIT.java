package dev.tollgate.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar (README, "Production"): one file, started with {@code java -jar} and configured by environment
 * variables alone, on H2 by default. The issuer, the key-encryption key, the bootstrap administrator and a declared
 * client come from the environment; the database from nothing at all ({@code ./tollgate-data}).
 */
class RunnableJarIT {

    static final String ISSUER_HOST = "127.0.0.1";
    static final String ADMIN = "admin@ops.tollgate.dev";
    static final String ADMIN_PASSWORD = "ops-admin-password-1";
    static final String CLIENT = "ops-ci";
    static final String CLIENT_SECRET = "ops-ci-secret-0123456789abcdef";
    static final String ENCRYPTION_KEY = "q1v3Yb0Jc8mXH3o3yO0m6P9a7d2ZL3t4Uu8WwQe1RkA=";
    /** An account of the lockout check's own (unknown accounts are counted alike): no other test signs in as it. */
    static final String LOCKED_ACCOUNT = "lockout-metrics@ops.tollgate.dev";

    private static RunnableJar server;
    private static final OpsHttp HTTP = OpsHttp.plain();

    /** The environment of a server with the suite's administrator and its client-credentials client. */
    static Map<String, String> environment(String issuer) {
        return Map.of(
                "TOLLGATE_SERVER_ISSUER", issuer,
                "TOLLGATE_KEYS_ENCRYPTION_KEY", ENCRYPTION_KEY,
                "TOLLGATE_ADMIN_EMAIL", ADMIN,
                "TOLLGATE_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "TOLLGATE_CLIENTS_IDS", CLIENT,
                "TOLLGATE_CLIENTS_OPS_CI_NAME", "Ops CI",
                "TOLLGATE_CLIENTS_OPS_CI_SECRET", CLIENT_SECRET,
                "TOLLGATE_CLIENTS_OPS_CI_GRANTS", "client_credentials",
                "TOLLGATE_CLIENTS_OPS_CI_SCOPES", "read");
    }

    @BeforeAll
    static void start() throws Exception {
        int port = RunnableJar.portBase();
        server = RunnableJar.start("jar-h2", port, environment("http://" + ISSUER_HOST + ":" + port));
        System.out.println("Runnable jar " + Files.size(RunnableJar.jar()) + " bytes, ready after "
                + server.startup().toMillis() + " ms");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void discoveryWhenIssuerFromTheEnvironmentThenEveryEndpointUnderIt() throws Exception {
        HttpResponse<String> response = HTTP.get(server.baseUrl() + "/.well-known/openid-configuration");

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> metadata = JSONObjectUtils.parse(response.body());
        assertEquals(server.baseUrl(), metadata.get("issuer"));
        assertEquals(server.baseUrl() + "/oauth2/token", metadata.get("token_endpoint"));
        assertEquals(server.baseUrl() + "/oauth2/jwks", metadata.get("jwks_uri"));
    }

    @Test
    void tokenWhenClientDeclaredInTheEnvironmentThenClientCredentialsGranted() throws Exception {
        HttpResponse<String> response = HTTP.clientCredentials(server.baseUrl(), CLIENT, CLIENT_SECRET, "read");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        assertEquals("Bearer", body.get("token_type"));
        SignedJWT token = SignedJWT.parse((String) body.get("access_token"));
        assertEquals(server.baseUrl(), token.getJWTClaimsSet().getIssuer());
        assertEquals(CLIENT, token.getJWTClaimsSet().getStringClaim("client_id"));
    }

    @Test
    void tokenWhenWrongSecretThenInvalidClient() throws Exception {
        HttpResponse<String> response = HTTP.clientCredentials(server.baseUrl(), CLIENT, "not-the-secret-0000", "read");

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                response.headers().toString());
        assertEquals("invalid_client", JSONObjectUtils.parse(response.body()).get("error"));
    }

    @Test
    void adminWhenBootstrappedFromTheEnvironmentThenSignsInWithPlainHeaders() throws Exception {
        HttpResponse<String> response = HTTP.get(server.baseUrl() + "/api/me",
                "X-API-Email", ADMIN, "X-API-Password", ADMIN_PASSWORD);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains(ADMIN), response.body());
    }

    @Test
    void h2WhenNotConfiguredThenInTollgateDataOfTheWorkingFolder() {
        assertTrue(Files.isRegularFile(server.folder().resolve("tollgate-data").resolve("tollgate.mv.db")),
                "the database outlives the jar's extraction folder, which Liberty deletes when it stops");
        assertTrue(server.log().contains("Database: jdbc:h2:file:./tollgate-data/tollgate"), server.log());
    }

    /** Metrics (README, "Metrics"): MicroProfile Metrics at /metrics, Prometheus text, without credentials. */
    @Test
    void metricsWhenTokensAndGatedRequestsThenTheirSeriesScraped() {
        assertEquals(200, HTTP.clientCredentials(server.baseUrl(), CLIENT, CLIENT_SECRET, "read").statusCode());
        assertEquals(401, HTTP.clientCredentials(server.baseUrl(), CLIENT, "not-the-secret-0000", "read")
                .statusCode());
        assertEquals(200, HTTP.get(server.baseUrl() + "/api/me", "X-API-Email", ADMIN, "X-API-Password",
                ADMIN_PASSWORD).statusCode());
        assertEquals(401, HTTP.get(server.baseUrl() + "/api/me").statusCode());

        HttpResponse<String> response = HTTP.get(server.baseUrl() + "/metrics?scope=application");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                response.headers().toString());
        String body = response.body();
        assertTrue(series(body, "tollgate_tokens_issued_total", "client=\"" + CLIENT + "\"",
                "grant=\"client_credentials\""), body);
        assertTrue(series(body, "tollgate_token_errors_total", "error=\"invalid_client\""), body);
        assertTrue(series(body, "tollgate_gate_checks_total", "outcome=\"admitted\""), body);
        assertTrue(series(body, "tollgate_gate_checks_total", "outcome=\"missing-credentials\""), body);
        assertTrue(body.contains("tollgate_token_duration_seconds_count{"), body);
        assertTrue(body.contains("tollgate_gate_duration_seconds_count{"), body);
        assertTrue(series(body, "tollgate_token_duration_seconds", "quantile=\"0.99\""), body);
        // Histograms too (microprofile-config.properties): buckets Prometheus can aggregate across nodes.
        assertTrue(series(body, "tollgate_token_duration_seconds_bucket", "le=\"0.005\""), body);
        assertTrue(series(body, "tollgate_token_duration_seconds_bucket", "le=\"+Inf\""), body);
        assertTrue(series(body, "tollgate_gate_duration_seconds_bucket", "le=\"0.001\""), body);
        // The gate's timer has buckets only: quantiles per node cannot be combined, and cost every gated request.
        assertFalse(series(body, "tollgate_gate_duration_seconds", "quantile="), body);
        assertFalse(body.contains(CLIENT_SECRET) || body.contains(ADMIN) || body.contains(ADMIN_PASSWORD), body);
    }

    /**
     * The gate's verified-token cache and the lockout (README, "Metrics"): a token used twice is a miss, then a hit;
     * wrong passwords lock an account of the test's own, and the next check is refused. (The server's gate checks
     * its own tokens with the local issuer's keys, so it fetches no JWK set: that series is tested in impl/gate.)
     */
    @Test
    void metricsWhenTokenCachedAndAccountLockedThenTheirSeriesScraped() throws Exception {
        HttpResponse<String> token = HTTP.clientCredentials(server.baseUrl(), CLIENT, CLIENT_SECRET, "read");
        assertEquals(200, token.statusCode(), token.body());
        String accessToken = (String) JSONObjectUtils.parse(token.body()).get("access_token");
        for (int i = 0; i < 2; i++) {
            HTTP.get(server.baseUrl() + "/api/me", "Authorization", "Bearer " + accessToken);
        }

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = HTTP.get(server.baseUrl() + "/api/me",
                    "X-API-Email", LOCKED_ACCOUNT, "X-API-Password", "wrong-password-" + i);
            assertEquals(401, wrong.statusCode(), wrong.body());
        }
        HttpResponse<String> refused = HTTP.get(server.baseUrl() + "/api/me",
                "X-API-Email", LOCKED_ACCOUNT, "X-API-Password", "wrong-password-5");
        assertEquals(429, refused.statusCode(), refused.body());

        String body = HTTP.get(server.baseUrl() + "/metrics?scope=application").body();

        assertTrue(series(body, "tollgate_token_cache_total", "result=\"miss\""), body);
        assertTrue(series(body, "tollgate_token_cache_total", "result=\"hit\""), body);
        assertTrue(series(body, "tollgate_lockouts_total", "event=\"locked\""), body);
        assertTrue(series(body, "tollgate_lockouts_total", "event=\"refused\""), body);
        assertFalse(body.contains(LOCKED_ACCOUNT) || body.contains(accessToken), body);
    }

    /** The web console (README, "Console"): its page, served by the WAR without credentials. */
    @Test
    void consoleWhenRequestedThenItsPageAnswersWithHtml() {
        HttpResponse<String> response = HTTP.get(server.baseUrl() + "/console/");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                response.headers().toString());
        assertTrue(response.body().toLowerCase(java.util.Locale.ROOT).contains("<html"), response.body());
    }

    /** Whether a line of the scrape is a sample of that metric with every one of those labels. */
    private static boolean series(String scrape, String metric, String... labels) {
        return scrape.lines().filter(line -> line.startsWith(metric + "{"))
                .anyMatch(line -> java.util.Arrays.stream(labels).allMatch(line::contains));
    }

    @Test
    void startupWhenSecretsFromTheEnvironmentThenNoneInTheLog() {
        String log = server.log();
        assertNotNull(log);
        assertFalse(log.contains(CLIENT_SECRET));
        assertFalse(log.contains(ADMIN_PASSWORD));
        assertFalse(log.contains(ENCRYPTION_KEY));
        assertFalse(log.contains("CWWKF0001E"), "every feature is in the minified runtime");
    }
}
