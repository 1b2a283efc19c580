package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import dev.tollgate.impl.testing.HostileProof;
import dev.tollgate.impl.testing.LogCapture;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestProofs;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DPoP and the protected-resource metadata through the filter, over real HTTP (embedded Jetty): the exact
 * {@code WWW-Authenticate} challenges (RFC 9449 §7.1, RFC 9728 §5.1) and problem bodies of every refusal, and the
 * metadata document (RFC 9728 §3.2). The gates' external base URL is {@value TestProofs#BASE}, which is not where
 * Jetty listens: the proofs' {@code htu} is checked against it, never against the {@code Host} header.
 */
class DpopGateFilterTest {

    static final String METADATA = TestProofs.BASE + "/dpop/.well-known/oauth-protected-resource";
    static final String ALGS = "ES256 RS256 PS256 EdDSA";
    static final String BEARER = "Bearer realm=\"demo\", resource_metadata=\"" + METADATA + "\"";
    static final String DPOP = "DPoP realm=\"demo\", algs=\"" + ALGS + "\", resource_metadata=\"" + METADATA + "\"";

    @TempDir
    static Path dir;

    static Server jetty;
    static String base;
    static LogCapture logs;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Says whom the application sees, and how. */
    static final class EchoServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Object caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE);
            response.setContentType("text/plain");
            response.getWriter().print("caller=" + (caller instanceof Caller c ? c.subject() : null)
                    + ";scheme=" + request.getAttribute(BearerChallenge.SCHEME_ATTRIBUTE));
        }
    }

    @BeforeAll
    static void startJetty() throws Exception {
        logs = new LogCapture();
        Path jwks = TestKeys.get().writeTrustedPublicJwks(dir.resolve("jwks.json"));
        Map<String, String> trust = Map.of(
                "tollgate.gate.realm", "demo",
                "tollgate.gate.issuer", TestTokens.ISSUER,
                "tollgate.gate.discovery", "false",
                "tollgate.gate.jwks-file", jwks.toString(),
                "tollgate.gate.audience", TestTokens.AUDIENCE);
        jetty = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(64 * 1024); // room for the catalogue's oversized proof
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new ContextHandlerCollection(
                context("/dpop", trust, Map.of(
                        "tollgate.gate.external-base-url", TestProofs.BASE,
                        "tollgate.gate.resource-metadata.scopes-supported", "read, write",
                        "tollgate.gate.resource-metadata.resource-name", "Demo API",
                        "tollgate.gate.resource-metadata.resource-documentation", "https://docs.example.com/api")),
                context("/required", trust, Map.of(
                        "tollgate.gate.external-base-url", TestProofs.BASE,
                        "tollgate.gate.dpop.required", "true",
                        "tollgate.gate.dpop.algorithms", "ES256",
                        "tollgate.gate.resource-metadata.resource", "https://api.example.com/orders")),
                context("/nonce", trust, Map.of(
                        "tollgate.gate.external-base-url", TestProofs.BASE,
                        "tollgate.gate.resource-metadata.enabled", "false",
                        "tollgate.gate.dpop.nonce", "true")),
                context("/plain", trust, Map.of())));
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    private static ServletContextHandler context(String path, Map<String, String> trust, Map<String, String> extra) {
        ServletContextHandler context = new ServletContextHandler(path);
        // no PlainCredentialVerifier: only token challenges
        context.setClassLoader(new URLClassLoader(new URL[0], DpopGateFilterTest.class.getClassLoader()));
        FilterHolder gate = new FilterHolder(GateFilter.class);
        trust.forEach(gate::setInitParameter);
        extra.forEach(gate::setInitParameter);
        context.addFilter(gate, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new EchoServlet()), "/api/*");
        return context;
    }

    @AfterAll
    static void stopJetty() throws Exception {
        try {
            assertFalse(logs.all().contains("eyJ"), "a token or proof was logged");
        } finally {
            logs.close();
            jetty.stop();
        }
    }

    static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String boundToken() {
        return TestTokens.token().claim("cnf", TestProofs.cnf(TestProofs.EC)).sign();
    }

    static String proof(String method, String path, String token) {
        return TestProofs.proof(TestProofs.EC, Instant.now()).method(method).uri(TestProofs.BASE + path).token(token)
                .sign();
    }

    static void assertProblem(ProblemType expected, HttpResponse<String> response) throws Exception {
        assertEquals(expected.status(), response.statusCode(), response.body());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow()
                .split(";")[0].trim());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        Map<String, Object> problem = JSONObjectUtils.parse(response.body());
        assertEquals(expected.type().toString(), problem.get("type"));
        assertEquals(expected.title(), problem.get("title"));
        assertEquals((long) expected.status(), ((Number) problem.get("status")).longValue());
        assertEquals(Failure.of(expected).description(), problem.get("detail"));
        assertEquals(response.uri().getPath(), problem.get("instance"));
    }

    static List<String> challenges(HttpResponse<String> response) {
        return response.headers().allValues("WWW-Authenticate");
    }

    /** The challenge with an error, in {@code scheme}, as the gate writes it. */
    static String withError(String scheme, ProblemType problem) {
        String error = "realm=\"demo\", error=\"" + problem.bearerError().code() + "\", error_description=\""
                + Failure.of(problem).description() + "\"";
        return scheme.equals("DPoP")
                ? "DPoP " + error + ", algs=\"" + ALGS + "\", resource_metadata=\"" + METADATA + "\""
                : "Bearer " + error + ", resource_metadata=\"" + METADATA + "\"";
    }

    @Test
    void dpopRequestWithAGoodProofReachesTheApplication() throws Exception {
        String token = boundToken();

        HttpResponse<String> response = send("GET", "/dpop/api/items?page=2", "Authorization", "DPoP " + token,
                "DPoP", proof("GET", "/dpop/api/items", token));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("caller=alice;scheme=DPoP", response.body());
    }

    @Test
    void dpopSchemeIsMatchedCaseInsensitively() throws Exception {
        String token = boundToken();

        HttpResponse<String> response = send("POST", "/dpop/api/items", "Authorization", "dpop " + token,
                "DPoP", proof("POST", "/dpop/api/items", token));

        assertEquals(200, response.statusCode(), response.body());
    }

    @ParameterizedTest
    @EnumSource(HostileProof.class)
    void everyBrokenProofGetsItsChallengeAndProblem(HostileProof broken) throws Exception {
        String token = boundToken();
        String proof = broken.proof(Instant.now(), "GET", TestProofs.BASE + "/dpop/api/items", token);

        HttpResponse<String> response = send("GET", "/dpop/api/items", "Authorization", "DPoP " + token,
                "DPoP", proof);

        assertProblem(broken.expected(), response);
        assertEquals(List.of(withError("DPoP", broken.expected()), BEARER), challenges(response));
    }

    @Test
    void replayedProofIsRefused() throws Exception {
        String token = boundToken();
        String proof = proof("GET", "/dpop/api/items", token);
        assertEquals(200, send("GET", "/dpop/api/items", "Authorization", "DPoP " + token, "DPoP", proof)
                .statusCode());

        HttpResponse<String> replay = send("GET", "/dpop/api/items", "Authorization", "DPoP " + token,
                "DPoP", proof);

        assertProblem(ProblemType.DPOP_PROOF_REPLAYED, replay);
        assertEquals(List.of(withError("DPoP", ProblemType.DPOP_PROOF_REPLAYED), BEARER), challenges(replay));
    }

    @Test
    void hostHeaderDoesNotChangeWhatHtuMustBe() throws Exception {
        // A proof made for where Jetty really listens is not one for the external base URL.
        String token = boundToken();
        String proof = TestProofs.proof(TestProofs.EC, Instant.now()).uri(base + "/dpop/api/items").token(token)
                .sign();

        HttpResponse<String> response = send("GET", "/dpop/api/items", "Authorization", "DPoP " + token,
                "DPoP", proof);

        assertProblem(ProblemType.DPOP_PROOF_URI, response);
    }

    @Test
    void missingAndDoubleProofsAreRefused() throws Exception {
        String token = boundToken();
        String proof = proof("GET", "/dpop/api/items", token);

        HttpResponse<String> none = send("GET", "/dpop/api/items", "Authorization", "DPoP " + token);
        HttpResponse<String> two = send("GET", "/dpop/api/items", "Authorization", "DPoP " + token,
                "DPoP", proof, "DPoP", proof);

        assertProblem(ProblemType.DPOP_PROOF_MISSING, none);
        assertEquals(List.of(withError("DPoP", ProblemType.DPOP_PROOF_MISSING), BEARER), challenges(none));
        assertProblem(ProblemType.DPOP_PROOF_MULTIPLE, two);
        assertEquals(List.of(withError("DPoP", ProblemType.DPOP_PROOF_MULTIPLE), BEARER), challenges(two));
    }

    @Test
    void boundTokenAsBearerIsRefusedInTheBearerChallengeAndOffersDpop() throws Exception {
        HttpResponse<String> response = send("GET", "/dpop/api/items", "Authorization", "Bearer " + boundToken());

        assertProblem(ProblemType.TOKEN_DPOP_BOUND, response);
        assertEquals(List.of(withError("Bearer", ProblemType.TOKEN_DPOP_BOUND), DPOP), challenges(response));
    }

    @Test
    void unboundTokenWithTheDpopSchemeIsRefusedInTheDpopChallenge() throws Exception {
        String token = TestTokens.token().sign();

        HttpResponse<String> response = send("GET", "/dpop/api/items", "Authorization", "DPoP " + token,
                "DPoP", proof("GET", "/dpop/api/items", token));

        assertProblem(ProblemType.TOKEN_NOT_DPOP_BOUND, response);
        assertEquals(List.of(withError("DPoP", ProblemType.TOKEN_NOT_DPOP_BOUND), BEARER), challenges(response));
    }

    @Test
    void expiredTokenWithTheDpopSchemeKeepsItsExpiredHeader() throws Exception {
        String token = TestTokens.token().claim("cnf", TestProofs.cnf(TestProofs.EC))
                .expiresAt(Instant.now().minusSeconds(600)).issuedAt(Instant.now().minusSeconds(900)).sign();

        HttpResponse<String> response = send("GET", "/dpop/api/items", "Authorization", "DPoP " + token,
                "DPoP", proof("GET", "/dpop/api/items", token));

        assertProblem(ProblemType.TOKEN_EXPIRED, response);
        assertEquals("true", response.headers().firstValue("X-API-Expired").orElseThrow());
        assertEquals(List.of(withError("DPoP", ProblemType.TOKEN_EXPIRED), BEARER), challenges(response));
    }

    @Test
    void unboundBearerTokenStillWorks() throws Exception {
        HttpResponse<String> response = send("GET", "/dpop/api/items", "Authorization",
                "Bearer " + TestTokens.token().sign());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("caller=alice;scheme=null", response.body());
    }

    @Test
    void requestWithoutCredentialsIsOfferedBothSchemesAndTheMetadata() throws Exception {
        HttpResponse<String> response = send("GET", "/dpop/api/items");

        assertProblem(ProblemType.MISSING_CREDENTIALS, response);
        assertEquals(List.of(BEARER, DPOP), challenges(response));
    }

    @Test
    void badBearerTokenGetsTheErrorInTheBearerChallengeAndTheDpopOneBeside() throws Exception {
        HttpResponse<String> response = send("GET", "/dpop/api/items", "Authorization", "Bearer not.a.token");

        assertProblem(ProblemType.TOKEN_MALFORMED, response);
        assertEquals(List.of(withError("Bearer", ProblemType.TOKEN_MALFORMED), DPOP), challenges(response));
    }

    @Test
    void whenDpopIsRequiredOnlyTheDpopSchemeIsOffered() throws Exception {
        String metadata = "resource_metadata=\"" + TestProofs.BASE + "/required/.well-known/oauth-protected-resource\"";

        HttpResponse<String> none = send("GET", "/required/api/items");
        HttpResponse<String> bearer = send("GET", "/required/api/items", "Authorization",
                "Bearer " + TestTokens.token().sign());

        assertProblem(ProblemType.MISSING_CREDENTIALS, none);
        assertEquals(List.of("DPoP realm=\"demo\", algs=\"ES256\", " + metadata), challenges(none));
        assertProblem(ProblemType.DPOP_REQUIRED, bearer);
        assertEquals(List.of("DPoP realm=\"demo\", error=\"invalid_token\", error_description=\""
                + Failure.of(ProblemType.DPOP_REQUIRED).description() + "\", algs=\"ES256\", " + metadata),
                challenges(bearer));
    }

    @Test
    void withNoncesTheChallengeAsksForOneAndTheClientRetriesWithIt() throws Exception {
        String token = boundToken();
        String path = "/nonce/api/items";

        HttpResponse<String> first = send("GET", path, "Authorization", "DPoP " + token, "DPoP",
                proof("GET", path, token));

        assertProblem(ProblemType.DPOP_NONCE, first);
        String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow();
        assertEquals(List.of("DPoP realm=\"demo\", error=\"use_dpop_nonce\", error_description=\""
                + Failure.of(ProblemType.DPOP_NONCE).description() + "\", algs=\"" + ALGS + "\"",
                "Bearer realm=\"demo\""), challenges(first));

        HttpResponse<String> retry = send("GET", path, "Authorization", "DPoP " + token, "DPoP",
                TestProofs.proof(TestProofs.EC, Instant.now()).uri(TestProofs.BASE + path).token(token)
                        .claim("nonce", nonce).sign());

        assertEquals(200, retry.statusCode(), retry.body());
        assertTrue(retry.headers().firstValue("DPoP-Nonce").isPresent(), "the nonce for the next proof");
        assertTrue(send("GET", path).headers().firstValue("DPoP-Nonce").isPresent(),
                "every DPoP challenge carries the nonce");
    }

    @Test
    void withoutAnExternalBaseUrlNothingChanges() throws Exception {
        HttpResponse<String> none = send("GET", "/plain/api/items");
        HttpResponse<String> dpop = send("GET", "/plain/api/items", "Authorization", "DPoP " + boundToken());
        HttpResponse<String> metadata = send("GET", "/plain/.well-known/oauth-protected-resource");

        assertEquals(List.of("Bearer realm=\"demo\""), challenges(none));
        // the DPoP scheme is another application's business there, as Basic is
        assertProblem(ProblemType.MISSING_CREDENTIALS, dpop);
        assertProblem(ProblemType.MISSING_CREDENTIALS, metadata);
    }

    @Test
    void metadataDocumentIsServedPubliclyFromConfiguration() throws Exception {
        HttpResponse<String> response = send("GET", "/dpop/.well-known/oauth-protected-resource");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow()
                .split(";")[0].trim());
        assertEquals("public, max-age=3600", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        Map<String, Object> document = JSONObjectUtils.parse(response.body());
        // RFC 9728 §2: resource is REQUIRED; the rest is what the configuration knows
        assertEquals(TestProofs.BASE + "/dpop", document.get("resource"));
        assertEquals(List.of(TestTokens.ISSUER), document.get("authorization_servers"));
        assertEquals(List.of("read", "write"), document.get("scopes_supported"));
        assertEquals(List.of("header"), document.get("bearer_methods_supported"));
        assertEquals("Demo API", document.get("resource_name"));
        assertEquals("https://docs.example.com/api", document.get("resource_documentation"));
        assertEquals(List.of("ES256", "RS256", "PS256", "EdDSA"), document.get("dpop_signing_alg_values_supported"));
        assertEquals(false, document.get("dpop_bound_access_tokens_required"));
        assertEquals(8, document.size(), document::toString);
    }

    @Test
    void metadataOfADpopOnlyResourceSaysSo() throws Exception {
        HttpResponse<String> response = send("GET", "/required/.well-known/oauth-protected-resource");
        HttpResponse<String> head = send("HEAD", "/required/.well-known/oauth-protected-resource");

        Map<String, Object> document = JSONObjectUtils.parse(response.body());
        assertEquals("https://api.example.com/orders", document.get("resource"));
        assertEquals(List.of("ES256"), document.get("dpop_signing_alg_values_supported"));
        assertEquals(true, document.get("dpop_bound_access_tokens_required"));
        assertEquals(200, head.statusCode());
        assertTrue(head.body().isEmpty());
    }

    @Test
    void otherMethodsOnTheMetadataPathAreGatedAsAnyRequest() throws Exception {
        HttpResponse<String> response = send("POST", "/dpop/.well-known/oauth-protected-resource");

        assertProblem(ProblemType.MISSING_CREDENTIALS, response);
        assertEquals(List.of(BEARER, DPOP), challenges(response));
    }
}
