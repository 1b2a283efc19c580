package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.UserTokens;
import dev.tollgate.api.error.TokenClientException;
import dev.tollgate.impl.client.AuthorizationCodeFlow.AuthorizationRequest;
import dev.tollgate.impl.client.FakeServer.Answer;
import dev.tollgate.impl.client.FakeServer.Recorded;
import dev.tollgate.impl.protocol.GrantType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizationCodeFlowTest {

    private static final String REDIRECT = "https://app.example/callback";

    private FakeServer server;
    private MutableClock clock;
    private InMemoryUserTokenStore store;
    private AuthorizationCodeFlow flow;

    @BeforeEach
    void start() {
        server = FakeServer.start();
        clock = new MutableClock();
        store = new InMemoryUserTokenStore();
        flow = builder().buildAuthorizationCodeFlow(store);
    }

    @AfterEach
    void stop() {
        flow.close();
        server.close();
    }

    private TokenClients.Builder builder() {
        return TokenClients.builder().name("snyk").grantType(GrantType.AUTHORIZATION_CODE)
                .authorizationUrl(server.uri("/authorize").toString())
                .tokenUrl(server.uri("/token"))
                .revocationUrl(server.uri("/revoke").toString())
                .redirectUri(REDIRECT)
                .clientId("web-app").clientSecret("web-secret")
                .scope("org.read", "offline_access")
                .clock(clock);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private UserTokens signIn(String user, Answer tokenAnswer) {
        server.enqueue("/token", tokenAnswer);
        AuthorizationRequest request = flow.start(user);
        return flow.complete(user, Map.of("code", "the-code", "state", request.state()));
    }

    @Test
    void authorizationUrlCarriesClientRedirectScopeStateAndS256Challenge() {
        AuthorizationRequest request = flow.start("alice");

        assertTrue(request.uri().toString().startsWith(server.uri("/authorize") + "?"));
        Map<String, String> q = query(request.uri());
        assertEquals("code", q.get("response_type"));
        assertEquals("web-app", q.get("client_id"));
        assertEquals(REDIRECT, q.get("redirect_uri"));
        assertEquals("org.read offline_access", q.get("scope"));
        assertEquals(request.state(), q.get("state"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(43, q.get("code_challenge").length());
        assertFalse(request.uri().getRawQuery().contains("+"), "spaces are %20 in a URL query");
    }

    @Test
    void stateHasAtLeast128BitsAndIsNeverRepeated() {
        Set<String> states = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String state = flow.start("alice").state();
            assertTrue(Base64UrlLength.bits(state) >= 128, state);
            assertTrue(states.add(state));
        }
    }

    @Test
    void callbackExchangesTheCodeWithTheVerifierAndStoresTheTokens() {
        server.enqueue("/token", Answer.token("user-at", 300L, "user-rt"));
        AuthorizationRequest request = flow.start("alice");
        String challenge = query(request.uri()).get("code_challenge");

        UserTokens tokens = flow.complete("alice", Map.of("code", "the-code", "state", request.state()));

        Recorded r = server.last("/token");
        Map<String, String> form = r.form();
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals("the-code", form.get("code"));
        assertEquals(REDIRECT, form.get("redirect_uri"));
        assertEquals(challenge, Pkce.challenge(form.get("code_verifier")), "the verifier matches the challenge");
        assertTrue(r.header("Authorization").startsWith("Basic "));
        assertEquals("user-at", tokens.accessToken().value());
        assertEquals(Optional.of(tokens), store.get("alice"));
        assertEquals("user-at", flow.accessToken("alice").value());
    }

    @Test
    void stateMismatchIsRefused() {
        flow.start("alice");

        assertThrows(TokenClientException.class,
                () -> flow.complete("alice", Map.of("code", "c", "state", "forged-state")));
        assertThrows(TokenClientException.class, () -> flow.complete("alice", Map.of("code", "c")));
        assertEquals(0, server.count("/token"));
    }

    @Test
    void stateIsUsedOnce() {
        server.otherwise("/token", r -> Answer.token("at", 300L));
        AuthorizationRequest request = flow.start("alice");
        flow.complete("alice", Map.of("code", "c", "state", request.state()));

        assertThrows(TokenClientException.class,
                () -> flow.complete("alice", Map.of("code", "c", "state", request.state())));
        assertEquals(1, server.count("/token"));
    }

    @Test
    void stateStartedForAnotherUserIsRefused() {
        AuthorizationRequest request = flow.start("alice");

        assertThrows(TokenClientException.class,
                () -> flow.complete("mallory", Map.of("code", "c", "state", request.state())));
        assertEquals(0, server.count("/token"));
    }

    @Test
    void expiredStateIsRefused() {
        AuthorizationRequest request = flow.start("alice");
        clock.advance(Duration.ofMinutes(10));

        assertThrows(TokenClientException.class,
                () -> flow.complete("alice", Map.of("code", "c", "state", request.state())));
        assertEquals(0, server.count("/token"));
    }

    @Test
    void pendingAuthorizationsAreBounded() {
        try (AuthorizationCodeFlow small = new AuthorizationCodeFlow(new ServerConnection(builder().config(), clock),
                store, new SecureRandom(), 3)) {
            List<AuthorizationRequest> started = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                started.add(small.start("user-" + i));
            }
            assertEquals(3, small.pendingCount());
            assertThrows(TokenClientException.class,
                    () -> small.complete("user-0", Map.of("code", "c", "state", started.get(0).state())));
        }
    }

    @Test
    void errorCallbackSurfacesTheServersError() {
        AuthorizationRequest request = flow.start("alice");

        TokenClientException e = assertThrows(TokenClientException.class, () -> flow.complete("alice",
                Map.of("error", "access_denied", "error_description", "The user said no", "state", request.state())));

        assertEquals("access_denied", e.error().orElseThrow());
        assertEquals("The user said no", e.errorDescription().orElseThrow());
    }

    @Test
    void issuerMismatchIsRefusedAndMissingIssIsRefusedWhenAdvertised() {
        String issuer = server.uri("").toString();
        server.otherwise("/.well-known/oauth-authorization-server", r -> Answer.json(200, "{\"issuer\":\"" + issuer
                + "\",\"token_endpoint\":\"" + server.uri("/token") + "\",\"authorization_endpoint\":\""
                + server.uri("/authorize") + "\",\"authorization_response_iss_parameter_supported\":true,"
                + "\"code_challenge_methods_supported\":[\"S256\"]}"));
        server.otherwise("/token", r -> Answer.token("at", 300L));
        try (AuthorizationCodeFlow discovered = TokenClients.builder().name("as").issuer(issuer)
                .grantType(GrantType.AUTHORIZATION_CODE).redirectUri(REDIRECT).clientId("web-app").clock(clock)
                .buildAuthorizationCodeFlow(store)) {

            AuthorizationRequest mixUp = discovered.start("alice");
            assertThrows(TokenClientException.class, () -> discovered.complete("alice",
                    Map.of("code", "c", "state", mixUp.state(), "iss", "https://attacker.example")));
            AuthorizationRequest missing = discovered.start("alice");
            assertThrows(TokenClientException.class,
                    () -> discovered.complete("alice", Map.of("code", "c", "state", missing.state())));
            assertEquals(0, server.count("/token"));

            AuthorizationRequest good = discovered.start("alice");
            discovered.complete("alice", Map.of("code", "c", "state", good.state(), "iss", issuer));
            assertEquals(1, server.count("/token"));
            assertEquals(Map.of("client_id", "web-app", "grant_type", "authorization_code", "code", "c",
                    "redirect_uri", REDIRECT, "code_verifier", server.last("/token").form().get("code_verifier")),
                    server.last("/token").form(), "a public client sends its id and no secret");
        }
    }

    @Test
    void userTokenIsRefreshedWithTheRefreshTokenWhenItNearsExpiry() {
        signIn("alice", Answer.token("at-1", 60L, "rt-1"));
        server.enqueue("/token", Answer.token("at-2", 60L, "rt-2"));

        clock.advance(Duration.ofSeconds(20));
        assertEquals("at-1", flow.accessToken("alice").value());
        clock.advance(Duration.ofSeconds(15)); // within the 30 s skew
        assertEquals("at-2", flow.accessToken("alice").value());

        assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", "rt-1"), server.last("/token").form());
        assertEquals(Optional.of("rt-2"), store.get("alice").orElseThrow().refreshToken());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void refusedRefreshForgetsTheUsersTokens() {
        signIn("alice", Answer.token("at-1", 60L, "rt-1"));
        server.enqueue("/token", Answer.error(400, "invalid_grant", "revoked"));
        clock.advance(Duration.ofSeconds(61));

        TokenClientException e = assertThrows(TokenClientException.class, () -> flow.accessToken("alice"));

        assertEquals("invalid_grant", e.error().orElseThrow());
        assertTrue(store.get("alice").isEmpty());
        assertThrows(TokenClientException.class, () -> flow.accessToken("alice"));
        assertEquals(2, server.count("/token"));
    }

    @Test
    void concurrentCallsForOneUserSendOneRefresh() throws Exception {
        signIn("alice", Answer.token("at-1", 60L, "rt-1"));
        server.otherwise("/token", r -> Answer.token("at-2", 60L, "rt-2").after(Duration.ofMillis(200)));
        clock.advance(Duration.ofSeconds(45));

        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return flow.accessToken("alice");
                }));
            }
            go.countDown();
            for (Future<AccessToken> f : results) {
                assertEquals("at-2", f.get(10, TimeUnit.SECONDS).value());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, server.count("/token"), "one code exchange, one refresh");
    }

    @Test
    void userWithoutTokensMustSignIn() {
        assertThrows(TokenClientException.class, () -> flow.accessToken("nobody"));
    }

    @Test
    void invalidatedUserTokenIsRefreshedOnTheNextCall() {
        signIn("alice", Answer.token("at-1", 3600L, "rt-1"));
        server.enqueue("/token", Answer.token("at-2", 3600L));
        AccessToken first = flow.forUser("alice").accessToken();

        flow.forUser("alice").invalidate(first);

        assertEquals("at-2", flow.forUser("alice").accessToken().value());
        assertEquals(Optional.of("rt-1"), store.get("alice").orElseThrow().refreshToken(), "kept: none was issued");
    }

    @Test
    void logoutForgetsAndRevokesTheRefreshToken() {
        signIn("alice", Answer.token("at-1", 3600L, "rt-1"));
        server.otherwise("/revoke", r -> Answer.of(200, ""));

        flow.logout("alice");

        assertTrue(store.get("alice").isEmpty());
        assertEquals(Map.of("token", "rt-1", "token_type_hint", "refresh_token"), server.last("/revoke").form());
    }

    @Test
    void userTokensNeverPrintTheirSecrets() {
        UserTokens tokens = signIn("alice", Answer.token("ACCESS-SECRET", 3600L, "REFRESH-SECRET"));
        assertFalse(tokens.toString().contains("SECRET"));
    }

    /** How many bits a base64url string carries. */
    private static final class Base64UrlLength {
        static int bits(String s) {
            assertTrue(s.matches("[A-Za-z0-9_-]+"), s);
            return s.length() * 6;
        }
    }
}
