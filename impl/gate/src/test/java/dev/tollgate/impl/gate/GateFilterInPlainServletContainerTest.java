package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import dev.tollgate.impl.testing.DemoPlainCredentialVerifier;
import dev.tollgate.impl.testing.DemoRevocationChecker;
import dev.tollgate.impl.testing.HostileToken;
import dev.tollgate.impl.testing.LogCapture;
import dev.tollgate.impl.testing.StubServer;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.VerificationResult;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gate in a plain Servlet 6 container (embedded Jetty 12, ee10): no CDI, no MicroProfile Config, driven over real
 * HTTP. The SPIs come from {@link java.util.ServiceLoader}, through the web application's class loader.
 *
 * <p>Two ways in: contexts that declare {@link GateFilter} by hand with init-params, and contexts where only
 * {@link GateInitializer} can install it, as in a WAR whose {@code web.xml} says {@code metadata-complete="true"}: no
 * gate filter is declared, the application has its own filter, and the gate is configured by context-params alone.
 */
class GateFilterInPlainServletContainerTest {

    static final String HMAC_SECRET = "hmac-secret-that-must-never-be-logged-0123456789";

    @TempDir
    static Path dir;

    static Server jetty;
    static String base;
    static LogCapture logs;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Echoes what the application sees of the caller. */
    static final class EchoServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Object caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE);
            response.setContentType("text/plain");
            response.getWriter().print("principal=" + (request.getUserPrincipal() == null ? null
                    : request.getUserPrincipal().getName())
                    + ";remoteUser=" + request.getRemoteUser()
                    + ";authType=" + request.getAuthType()
                    + ";admin=" + request.isUserInRole("admin")
                    + ";caller=" + (caller instanceof Caller c ? c.subject() : null)
                    + ";realm=" + request.getAttribute(BearerChallenge.REALM_ATTRIBUTE));
        }
    }

    /** The application's own filter, declared like one in its web.xml: says whether it ran, and whom it saw. */
    static final class AppFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            ((HttpServletResponse) response).setHeader("X-App-Filter", "saw " + (http.getUserPrincipal() == null
                    ? "nobody" : http.getUserPrincipal().getName()));
            chain.doFilter(request, response);
        }
    }

    @BeforeAll
    static void startJetty() throws Exception {
        logs = new LogCapture();
        Path jwks = TestKeys.get().writeTrustedPublicJwks(dir.resolve("jwks.json"));
        URL spi = GateFilterInPlainServletContainerTest.class.getResource("/jetty-spi/");
        ClassLoader webapp = new URLClassLoader(new URL[] {spi},
                GateFilterInPlainServletContainerTest.class.getClassLoader());

        jetty = new Server();
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(256 * 1024); // room for the catalogue's 100 KB token
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);

        ServletContextHandler app = context("/app", webapp, Map.of(
                "tollgate.gate.realm", "demo",
                "tollgate.gate.issuer", TestTokens.ISSUER,
                "tollgate.gate.discovery", "false",
                "tollgate.gate.jwks-file", jwks.toString(),
                "tollgate.gate.audience", TestTokens.AUDIENCE,
                "tollgate.gate.public-paths", "/public/*, /api/open",
                "tollgate.gate.optional-paths", "/api/maybe, /public/checked",
                "tollgate.gate.plain-headers.max-failures", "3"));
        ServletContextHandler optional = context("/optional", webapp, Map.of(
                "tollgate.gate.mode", "optional",
                "tollgate.gate.jwks-file", jwks.toString()));
        ServletContextHandler down = context("/down", webapp, Map.of(
                "tollgate.gate.jwks-uri", StubServer.unreachable("/jwks").toString(),
                "tollgate.gate.jwks-refresh-cooldown", "7s",
                "tollgate.gate.hmac-secret", HMAC_SECRET));
        ServletContextHandler off = context("/off", webapp, Map.of("tollgate.gate.enabled", "false"));
        ServletContextHandler complete = installedByTheInitializer("/complete", plainClassLoader(), Map.of(
                "tollgate.gate.realm", "complete",
                "tollgate.gate.issuer", TestTokens.ISSUER,
                "tollgate.gate.discovery", "false",
                "tollgate.gate.jwks-file", jwks.toString(),
                "tollgate.gate.audience", TestTokens.AUDIENCE,
                "tollgate.gate.roles-claims", "realm_access.roles",
                "tollgate.gate.public-paths", "/public/*"));
        ServletContextHandler root = installedByTheInitializer("", webapp, Map.of(
                "tollgate.gate.jwks-file", jwks.toString()));
        jetty.setHandler(new ContextHandlerCollection(app, optional, down, off, complete, root));
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    private static ServletContextHandler context(String path, ClassLoader loader, Map<String, String> params) {
        ServletContextHandler context = new ServletContextHandler(path);
        context.setClassLoader(loader);
        FilterHolder gate = new FilterHolder(GateFilter.class);
        gate.setAsyncSupported(true);
        params.forEach(gate::setInitParameter);
        context.addFilter(gate, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new EchoServlet()), "/api/*");
        context.addServlet(new ServletHolder(new EchoServlet()), "/public/*");
        return context;
    }

    /**
     * A context like a WAR with {@code metadata-complete="true"}: no gate filter declared, the application's own
     * filter declared for {@code /*}, the gate's keys as context-params, and the gate's initializer, which any
     * container runs for a jar in WEB-INF/lib.
     */
    private static ServletContextHandler installedByTheInitializer(String path, ClassLoader loader,
                                                                   Map<String, String> contextParams) {
        ServletContextHandler context = new ServletContextHandler(path);
        context.setClassLoader(loader);
        contextParams.forEach(context::setInitParameter);
        context.addFilter(new FilterHolder(new AppFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new EchoServlet()), "/api/*");
        context.addServlet(new ServletHolder(new EchoServlet()), "/public/*");
        context.addServletContainerInitializer(new GateInitializer());
        return context;
    }

    /** The tests' class loader: no PlainCredentialVerifier is registered for ServiceLoader there. */
    private static ClassLoader plainClassLoader() {
        return new URLClassLoader(new URL[0], GateFilterInPlainServletContainerTest.class.getClassLoader());
    }

    @AfterAll
    static void stopJetty() throws Exception {
        try {
            String everything = logs.all();
            assertFalse(everything.contains(HMAC_SECRET), "the HMAC secret was logged");
            assertFalse(everything.contains(DemoPlainCredentialVerifier.PASSWORD), "a password was logged");
            assertFalse(everything.contains("eyJ"), "a token was logged");
        } finally {
            logs.close();
            jetty.stop();
        }
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> options(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> withToken(String path, String token) throws Exception {
        return get(path, "Authorization", "Bearer " + token);
    }

    static Map<String, Object> problem(HttpResponse<String> response) throws Exception {
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow()
                .split(";")[0].trim());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        return JSONObjectUtils.parse(response.body());
    }

    static void assertProblem(ProblemType expected, HttpResponse<String> response) throws Exception {
        Map<String, Object> problem = problem(response);
        assertEquals(expected.status(), response.statusCode());
        assertEquals(expected.type().toString(), problem.get("type"));
        assertEquals(expected.title(), problem.get("title"));
        assertEquals((long) expected.status(), ((Number) problem.get("status")).longValue());
        assertEquals(URI.create(response.uri().toString()).getPath(), problem.get("instance"));
    }

    // --- success ---

    @Test
    void validTokenReachesTheApplicationAsItsPrincipal() throws Exception {
        HttpResponse<String> response = withToken("/app/api/hello", TestTokens.token().subject("alice")
                .roles("admin").sign());

        assertEquals(200, response.statusCode());
        assertEquals("principal=alice;remoteUser=alice;authType=BEARER;admin=true;caller=alice;realm=demo",
                response.body());
    }

    @Test
    void roleNotInTheTokenIsNotTheCallers() throws Exception {
        HttpResponse<String> response = withToken("/app/api/hello", TestTokens.token().roles("viewer").sign());

        assertTrue(response.body().contains("admin=false"), response.body());
    }

    @Test
    void plainHeadersAreCheckedByTheServiceLoaderVerifier() throws Exception {
        HttpResponse<String> response = get("/app/api/hello", "X-API-Email", DemoPlainCredentialVerifier.EMAIL,
                "X-API-Password", DemoPlainCredentialVerifier.PASSWORD);

        assertEquals(200, response.statusCode());
        assertEquals("principal=carol@example.com;remoteUser=carol@example.com;authType=X-API-HEADERS;admin=true;"
                + "caller=carol@example.com;realm=demo", response.body());
    }

    @Test
    void publicPathPassesWithoutCredentialsAsAnonymous() throws Exception {
        HttpResponse<String> prefix = get("/app/public/docs/index.html");
        HttpResponse<String> exact = get("/app/api/open");

        assertEquals(200, prefix.statusCode());
        assertEquals("principal=null;remoteUser=null;authType=null;admin=false;caller=anonymous;realm=demo",
                prefix.body());
        assertEquals(200, exact.statusCode());
        assertEquals(401, get("/app/api/open/more").statusCode(), "an exact public path is only itself");
    }

    @Test
    void corsPreflightPassesAnonymouslyButAnyOtherOptionsRequestIsGated() throws Exception {
        HttpResponse<String> preflight = options("/app/api/hello", "Origin", "https://spa.example",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");

        assertEquals(200, preflight.statusCode(), preflight.body());
        assertTrue(preflight.body().startsWith("principal=null;"), preflight.body());
        assertProblem(ProblemType.MISSING_CREDENTIALS, options("/app/api/hello", "Origin", "https://spa.example"));
        assertProblem(ProblemType.MISSING_CREDENTIALS, options("/app/api/hello"));
    }

    @Test
    void optionalModeLetsAnonymousRequestsThrough() throws Exception {
        HttpResponse<String> response = get("/optional/api/hello");

        assertEquals(200, response.statusCode());
        assertEquals("principal=null;remoteUser=null;authType=null;admin=false;caller=anonymous;realm=tollgate",
                response.body());
    }

    @Test
    void optionalModeStillRefusesBadTokens() throws Exception {
        assertProblem(ProblemType.TOKEN_SIGNATURE,
                withToken("/optional/api/hello", HostileToken.BAD_SIGNATURE.token()));
    }

    @Test
    void optionalPathLetsAnAnonymousRequestThroughInRequiredMode() throws Exception {
        HttpResponse<String> response = get("/app/api/maybe");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("caller=anonymous"), response.body());
        assertEquals(401, get("/app/api/hello").statusCode(), "other paths still require credentials");
    }

    @Test
    void optionalPathStillVerifiesCredentialsThatArePresent() throws Exception {
        assertProblem(ProblemType.TOKEN_SIGNATURE, withToken("/app/api/maybe", HostileToken.BAD_SIGNATURE.token()));
        HttpResponse<String> valid = withToken("/app/api/maybe", TestTokens.valid("alice", "read"));
        assertEquals(200, valid.statusCode());
        assertTrue(valid.body().startsWith("principal=alice"), valid.body());
    }

    @Test
    void optionalPathWinsOverAPublicPrefixThatAlsoMatchesIt() throws Exception {
        assertProblem(ProblemType.TOKEN_SIGNATURE,
                withToken("/app/public/checked", HostileToken.BAD_SIGNATURE.token()));
        assertEquals(200, withToken("/app/public/other", HostileToken.BAD_SIGNATURE.token()).statusCode(),
                "the rest of the public prefix is untouched");
    }

    @Test
    void disabledGateLetsEverythingThrough() throws Exception {
        HttpResponse<String> response = get("/off/api/hello", "Authorization", "Bearer garbage");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("principal=null"), response.body());
    }

    // --- refusals ---

    /** RFC 6750 §3.1: a request without credentials gets a challenge with no error code. */
    @Test
    void missingCredentialsGet401WithBothChallengesAndNoErrorCode() throws Exception {
        HttpResponse<String> response = get("/app/api/hello");

        assertProblem(ProblemType.MISSING_CREDENTIALS, response);
        assertEquals(List.of("Bearer realm=\"demo\"", "X-API-Headers realm=\"demo\""),
                response.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void otherAuthorizationSchemeIsTreatedAsNoCredentials() throws Exception {
        HttpResponse<String> response = get("/app/api/hello", "Authorization", "Basic YWxpY2U6c2VjcmV0");

        assertProblem(ProblemType.MISSING_CREDENTIALS, response);
    }

    @Test
    void malformedCredentialsGet400InvalidRequest() throws Exception {
        HttpResponse<String> response = get("/app/api/hello", "Authorization", "Bearer",
                "X-API-Email", "a@b");

        assertProblem(ProblemType.MALFORMED_REQUEST, response);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer realm=\"demo\", error=\"invalid_request\", error_description=\""),
                challenge);
    }

    @Test
    void expiredTokenIsRejectedWithExpiredHeader() throws Exception {
        HttpResponse<String> response = withToken("/app/api/hello", HostileToken.EXPIRED.token());

        assertProblem(ProblemType.TOKEN_EXPIRED, response);
        assertEquals("true", response.headers().firstValue("X-API-Expired").orElseThrow());
        assertEquals(List.of("Bearer realm=\"demo\", error=\"invalid_token\", error_description=\""
                        + VerificationResult.Failure.of(ProblemType.TOKEN_EXPIRED).description() + "\""),
                response.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void revokedTokenIsRejectedWithRevokedHeader() throws Exception {
        HttpResponse<String> response = withToken("/app/api/hello",
                TestTokens.token().jwtId(DemoRevocationChecker.REVOKED_JTI).sign());

        assertProblem(ProblemType.TOKEN_REVOKED, response);
        assertEquals("true", response.headers().firstValue("X-API-Revoked").orElseThrow());
        assertTrue(response.headers().firstValue("X-API-Expired").isEmpty());
    }

    @Test
    void wrongPlainCredentialsGet401WithBothChallenges() throws Exception {
        HttpResponse<String> response = get("/app/api/hello", "X-API-Email", "dave@example.com",
                "X-API-Password", "nope");

        assertProblem(ProblemType.INVALID_CREDENTIALS, response);
        assertEquals(List.of("Bearer realm=\"demo\"", "X-API-Headers realm=\"demo\""),
                response.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountWith429() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, get("/app/api/hello", "X-API-Email", "erin@example.com",
                    "X-API-Password", "guess-" + i).statusCode());
        }

        HttpResponse<String> response = get("/app/api/hello", "X-API-Email", "ERIN@example.com",
                "X-API-Password", "guess-4");

        assertProblem(ProblemType.TOO_MANY_ATTEMPTS, response);
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
    }

    @Test
    void unreachableKeySourceGets503WithRetryAfter() throws Exception {
        HttpResponse<String> response = withToken("/down/api/hello", TestTokens.token().sign());

        assertProblem(ProblemType.KEY_SOURCE_UNAVAILABLE, response);
        assertEquals("7", response.headers().firstValue("Retry-After").orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(HostileToken.class)
    void everyHostileTokenGetsItsStatusProblemAndHeaders(HostileToken hostile) throws Exception {
        HttpResponse<String> response = withToken("/app/api/hello", hostile.token());

        if (hostile.needsRequiredType()) {
            assertEquals(200, response.statusCode(), "no required-type is configured here");
            return;
        }
        assertProblem(hostile.problem(), response);
        assertEquals(hostile.expiredHeader(), response.headers().firstValue("X-API-Expired").isPresent());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer realm=\"demo\", error=\"invalid_token\""), challenge);
        assertFalse(response.body().contains(hostile.token()), "the token is never echoed");
    }

    @Test
    void refusalIsLoggedAtFineWithTheReasonAndWithoutTheToken() throws Exception {
        String token = HostileToken.WRONG_AUDIENCE.token();

        withToken("/app/api/hello", token);

        String everything = logs.all();
        assertTrue(everything.contains("TOKEN_AUDIENCE"), "the reason is logged");
        assertFalse(everything.contains(token.substring(token.lastIndexOf('.') + 1)), "the token is not");
    }

    @Test
    void responseBodiesNeverCarryTheCredentials() throws Exception {
        String token = TestTokens.token().issuer("https://evil.example").sign();
        HttpResponse<String> tokenResponse = withToken("/app/api/hello", token);
        HttpResponse<String> plainResponse = get("/app/api/hello", "X-API-Email", "x@example.com",
                "X-API-Password", "hunter2-secret");

        assertFalse(tokenResponse.body().contains(token.substring(0, 40)));
        assertFalse(String.join(",", tokenResponse.headers().allValues("WWW-Authenticate")).contains("eyJ"));
        assertFalse(plainResponse.body().contains("hunter2-secret"));
        assertFalse(logs.all().contains("hunter2-secret"));
    }

    // --- installed by the initializer alone (metadata-complete) ---

    @Test
    void initializerInstallsTheGateWhereNoFilterIsDeclared() throws Exception {
        HttpResponse<String> response = get("/complete/api/hello");

        assertProblem(ProblemType.MISSING_CREDENTIALS, response);
        assertEquals(List.of("Bearer realm=\"complete\""), response.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void gateRunsBeforeTheApplicationsOwnFilters() throws Exception {
        HttpResponse<String> refused = get("/complete/api/hello");
        HttpResponse<String> admitted = withToken("/complete/api/hello", TestTokens.token().subject("alice")
                .claim("realm_access", Map.of("roles", List.of("admin"))).sign());

        assertEquals(401, refused.statusCode());
        assertTrue(refused.headers().firstValue("X-App-Filter").isEmpty(), "the application's filter never ran");
        assertEquals(200, admitted.statusCode(), admitted.body());
        assertEquals("saw alice", admitted.headers().firstValue("X-App-Filter").orElseThrow(),
                "the application's filter sees the gate's caller");
        assertTrue(admitted.body().contains("admin=true"), "roles from realm_access.roles: " + admitted.body());
    }

    @ParameterizedTest
    @EnumSource(HostileToken.class)
    void everyHostileTokenIsRefusedWhereOnlyTheInitializerInstalledTheGate(HostileToken hostile) throws Exception {
        HttpResponse<String> response = withToken("/complete/api/hello", hostile.token());

        if (hostile.needsRequiredType()) {
            assertEquals(200, response.statusCode());
            return;
        }
        assertProblem(hostile.problem(), response);
        assertTrue(response.headers().firstValue("X-App-Filter").isEmpty());
    }

    @Test
    void rootContextIsProtectedToo() throws Exception {
        assertProblem(ProblemType.MISSING_CREDENTIALS, get("/api/hello"));
        assertEquals(200, withToken("/api/hello", TestTokens.token().sign()).statusCode());
    }

    @Test
    void withoutAVerifierPlainHeadersAreOffAndNotOffered() throws Exception {
        HttpResponse<String> response = get("/complete/api/hello", "X-API-Email", DemoPlainCredentialVerifier.EMAIL,
                "X-API-Password", DemoPlainCredentialVerifier.PASSWORD);

        assertProblem(ProblemType.MISSING_CREDENTIALS, response);
        assertEquals(List.of("Bearer realm=\"complete\""), response.headers().allValues("WWW-Authenticate"),
                "no X-API-Headers challenge: nothing could check them");
        // A lone plain header is no credential at all here, not a malformed one.
        assertProblem(ProblemType.MISSING_CREDENTIALS, get("/complete/api/hello", "X-API-Email", "a@b.example"));
    }

    @Test
    void eachApplicationLogsOneStartUpLineThatSaysWhatItAccepts() {
        List<String> complete = logs.lines().stream()
                .filter(line -> line.contains("INFO: Tollgate gate for /complete: ")).toList();
        assertEquals(1, complete.size(), logs.all());
        String line = complete.get(0);
        assertTrue(line.contains("issuer default (" + TestTokens.ISSUER + ": JWT keys from file"), line);
        assertTrue(line.contains("audience " + TestTokens.AUDIENCE), line);
        assertTrue(line.contains("roles realm_access.roles"), line);
        assertTrue(line.contains("plain headers: off (nothing can check them"), line);
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains("Tollgate gate for /app: ")
                && l.contains("plain headers: on (X-API-Email/X-API-Password, checked by "
                + DemoPlainCredentialVerifier.class.getName() + " (ServiceLoader))")), logs.all());
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains("Tollgate gate for /: ")), logs.all());
    }

    // --- a bad configuration stops the application ---

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                Arguments.of(Map.of("tollgate.gate.clock-skew", "banana"), "tollgate.gate.clock-skew",
                        plainClassLoader()),
                Arguments.of(Map.of("tollgate.gate.roles-claims", "resource_access.{client}.roles"),
                        "tollgate.gate.client-id", plainClassLoader()),
                Arguments.of(Map.of("tollgate.gate.plain-headers.enabled", "true"),
                        "tollgate.gate.plain-headers.enabled", plainClassLoader()),
                Arguments.of(Map.of("tollgate.gate.jwks-file", "/no/such/jwks.json"), "tollgate.gate.jwks-file",
                        plainClassLoader()));
    }

    @ParameterizedTest
    @MethodSource("badConfigurations")
    void badValueFailsTheApplicationsStartNamingTheKey(Map<String, String> contextParams, String key,
                                                        ClassLoader loader) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler bad = installedByTheInitializer("/bad", loader, contextParams);
        server.setHandler(bad);
        try (LogCapture captured = new LogCapture()) {
            try {
                server.start();
            } catch (Exception expected) {
                // Jetty reports the context's failure from start(); the context must not be running either way.
            }

            assertFalse(bad.isAvailable() && bad.isStarted(), "the application must not start");
            assertTrue(captured.has(Level.SEVERE, "Tollgate gate for /bad cannot start: " + key
                    + ": "), captured.all());
            if (server.isStarted()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + connector.getLocalPort() + "/bad/api/hello")).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(response.statusCode() == 404 || response.statusCode() == 503,
                        "never the application's 200: " + response.statusCode());
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void explicitPlainHeadersWithAVerifierStart() throws Exception {
        Server server = new Server();
        ServletContextHandler context = installedByTheInitializer("/plain", SpiLookupTest.withServices(),
                Map.of("tollgate.gate.plain-headers.enabled", "true"));
        server.setHandler(context);
        try {
            server.start();
            assertTrue(context.isAvailable());
        } finally {
            server.stop();
        }
    }
}
