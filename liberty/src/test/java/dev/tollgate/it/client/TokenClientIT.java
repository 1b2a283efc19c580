package dev.tollgate.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.UserTokens;
import dev.tollgate.impl.client.AuthorizationCodeFlow;
import dev.tollgate.impl.client.AuthorizedHttpClient;
import dev.tollgate.impl.client.DefaultTokenClient;
import dev.tollgate.impl.client.InMemoryUserTokenStore;
import dev.tollgate.impl.client.TokenClients;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import dev.tollgate.it.support.UserSubjects;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbound token client against this project's own authorization server, in Liberty: it obtains tokens with
 * each grant and calls the gate-protected demo API with them. The server's clients are declared in profile-it.xml.
 */
class TokenClientIT {

    private static final String TOKEN_URL = LibertyServer.baseUrl() + "/oauth2/token";
    private static final String SERVICE_SECRET = "it-service-secret-0123456789";
    private static final String ADMIN = "admin@it.tollgate.dev";
    private static final String ADMIN_PASSWORD = "it-admin-password-1";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void clientCredentialsTokenOpensTheDemoApi() throws Exception {
        try (DefaultTokenClient service = serviceClient()) {
            HttpResponse<String> me = new AuthorizedHttpClient(http, service).send(get("/api/me"),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, me.statusCode(), me.body());
            assertEquals("it-service", Problems.json(me).get("subject"));
        }
    }

    @Test
    void passwordGrantWithAJsonBodyGivesTheUsersToken() throws Exception {
        try (DefaultTokenClient rips = TokenClients.builder().name("rips").tokenUrl(TOKEN_URL)
                .clientId("it-global").grantType(GrantType.PASSWORD).jsonTokenRequests()
                .credentials(ADMIN, ADMIN_PASSWORD).scope("read").build()) {
            HttpResponse<String> me = new AuthorizedHttpClient(http, rips).send(get("/api/me"),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, me.statusCode(), me.body());
            Map<String, Object> caller = Problems.json(me);
            assertEquals(UserSubjects.of(ADMIN), caller.get("subject")); // what the token carries
            assertEquals("it-global", caller.get("client_id"));
        }
    }

    @Test
    void droppedTokenIsReplacedThroughTheRotatedRefreshToken() throws Exception {
        try (DefaultTokenClient app = TokenClients.builder().name("app").tokenUrl(TOKEN_URL)
                .clientId("it-app").clientSecret("it-app-secret-0123456789ab").grantType(GrantType.PASSWORD)
                .credentials(ADMIN, ADMIN_PASSWORD).scope("read").build()) {
            AccessToken first = app.accessToken();

            app.invalidate(first);
            AccessToken second = app.accessToken();
            app.invalidate(second);
            AccessToken third = app.accessToken();

            assertNotEquals(first.value(), second.value());
            assertNotEquals(second.value(), third.value());
            HttpResponse<String> me = http.send(get("/api/me", third), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode(), me.body());
        }
    }

    @Test
    void revokedAccessTokenIsReplacedAndTheCallReplayedOnce() throws Exception {
        try (DefaultTokenClient service = serviceClient()) {
            AuthorizedHttpClient api = new AuthorizedHttpClient(http, service);
            AccessToken revoked = service.accessToken();
            assertEquals(200, api.send(get("/api/me"), HttpResponse.BodyHandlers.ofString()).statusCode());

            revoke(revoked);
            awaitRevokedAtTheGate(revoked);
            HttpResponse<String> me = api.send(get("/api/me"), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, me.statusCode(), me.body());
            assertNotEquals(revoked.value(), service.accessToken().value(), "a new token after the replay");
        }
    }

    @Test
    void authorizationCodeWithPkceGivesTheUsersTokensForTheApi() throws Exception {
        // Discovery from the issuer alone: authorization and token endpoints, and the iss check (RFC 9207).
        try (AuthorizationCodeFlow flow = TokenClients.builder().name("snyk").issuer(LibertyServer.baseUrl())
                .clientId("it-authz-trusted").grantType(GrantType.AUTHORIZATION_CODE)
                .redirectUri("https://trusted.it.tollgate.dev/cb").scope("read")
                .buildAuthorizationCodeFlow(new InMemoryUserTokenStore())) {
            codeFlowReachesTheApi(flow);
        }
    }

    private void codeFlowReachesTheApi(AuthorizationCodeFlow flow) throws Exception {
        AuthorizationCodeFlow.AuthorizationRequest start = flow.start("user-1");
        // par=auto and the server advertises pushed_authorization_request_endpoint: the PKCE parameters were pushed
        // (RFC 9126 §2.1), and the browser's URL carries client_id and request_uri only (§4)
        assertEquals(List.of("client_id", "request_uri"), List.copyOf(Browser.query(start.uri().toString()).keySet()),
                start.uri()::toString);

        // The user's browser: authorize, log in (this client skips consent), and land on the callback.
        Browser browser = new Browser();
        String login = Browser.location(browser.get(start.uri().toString()));
        HttpResponse<String> loginPage = browser.get(login);
        HttpResponse<String> loggedIn = browser.post("/oauth2/login", Map.of("username", Browser.USER,
                "password", Browser.PASSWORD, "csrf_token", Browser.hidden(loginPage.body(), "csrf_token"),
                "request_id", Browser.hidden(loginPage.body(), "request_id")));
        String callback = Browser.location(loggedIn);
        assertTrue(callback.startsWith("https://trusted.it.tollgate.dev/cb?"), callback);

        UserTokens tokens = flow.complete("user-1", Browser.query(callback));
        HttpResponse<String> me = new AuthorizedHttpClient(http, flow.forUser("user-1")).send(get("/api/me"),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, me.statusCode(), me.body());
        assertEquals(UserSubjects.of(Browser.USER), Problems.json(me).get("subject"));
        assertEquals("it-authz-trusted", Problems.json(me).get("client_id"));
        assertTrue(tokens.accessToken().expiresAt().isPresent());
    }

    private static DefaultTokenClient serviceClient() {
        return TokenClients.builder().name("service").tokenUrl(TOKEN_URL).clientId("it-service")
                .clientSecret(SERVICE_SECRET).scope("read", "aud:tollgate-demo").build();
    }

    private static HttpRequest get(String path) {
        return LibertyServer.request(path).GET().build();
    }

    private static HttpRequest get(String path, AccessToken token) {
        return LibertyServer.request(path).header("Authorization", token.authorizationHeader()).GET().build();
    }

    /** RFC 7009 revocation of the access token by the client that obtained it. */
    private void revoke(AccessToken token) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(("it-service:" + SERVICE_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(LibertyServer.request("/oauth2/revoke")
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token.value()
                        + "&token_type_hint=access_token")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    /** The deny-list is cached for tollgate.server.revocation-cache (5 s): wait until the gate sees it. */
    private void awaitRevokedAtTheGate(AccessToken token) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(get("/api/me", token), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                assertEquals("true", response.headers().firstValue("X-API-Revoked").orElse(""),
                        response.headers()::toString);
                assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("")
                        .contains("error=\"invalid_token\""));
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the revocation did not reach the gate within 20 s");
    }
}
