package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.error.TokenClientException;
import dev.tollgate.impl.client.FakeServer.Answer;
import dev.tollgate.impl.client.FakeServer.Recorded;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultTokenClientTest {

    private FakeServer server;
    private MutableClock clock;
    private final List<DefaultTokenClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = FakeServer.start();
        clock = new MutableClock();
    }

    @AfterEach
    void stop() {
        clients.forEach(DefaultTokenClient::close);
        server.close();
    }

    private DefaultTokenClient client(TokenClients.Builder builder) {
        DefaultTokenClient c = builder.build();
        clients.add(c);
        return c;
    }

    private DefaultTokenClient client() {
        return client(TestClients.confidential(server, clock));
    }

    // --- the basics ---

    @Test
    void cachedTokenIsReturnedWithoutAnotherRequest() {
        server.issuing("/token", "tok", 3600L);
        DefaultTokenClient c = client();

        AccessToken first = c.accessToken();
        for (int i = 0; i < 1000; i++) {
            assertSame(first, c.accessToken());
        }
        clock.advance(Duration.ofSeconds(3000));
        assertSame(first, c.accessToken());

        assertEquals("tok-1", first.value());
        assertEquals(1, server.count("/token"));
    }

    @Test
    void clientSecretBasicSendsFormEncodedCredentialsInTheHeader() {
        server.issuing("/token", "tok", 3600L);
        DefaultTokenClient c = client(TestClients.confidential(server, clock).clientId("svc:1").clientSecret("a b/c"));

        c.accessToken();

        Recorded r = server.last("/token");
        assertEquals("POST", r.method());
        assertEquals("application/x-www-form-urlencoded", r.header("Content-Type"));
        // RFC 6749 §2.3.1: form-urlencode id and secret, then join with ':' and base64.
        String expected = Base64.getEncoder().encodeToString("svc%3A1:a+b%2Fc".getBytes(StandardCharsets.UTF_8));
        assertEquals("Basic " + expected, r.header("Authorization"));
        assertEquals(Map.of("grant_type", "client_credentials"), r.form());
    }

    @Test
    void clientSecretPostSendsCredentialsInTheBody() {
        server.issuing("/token", "tok", 3600L);
        DefaultTokenClient c = client(TestClients.confidential(server, clock)
                .authMethod(ClientAuthMethod.CLIENT_SECRET_POST)
                .scope("read", "write"));

        c.accessToken();

        Recorded r = server.last("/token");
        assertNull(r.header("Authorization"));
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "svc", "client_secret",
                TestClients.SECRET, "scope", "read write"), r.form());
    }

    @Test
    void jsonAuthMethodSendsTheRipsStylePasswordBody() {
        server.enqueue("/token", Answer.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":2419200,"
                + "\"access_token\":\"eyJ0.5XRk\",\"refresh_token\":\"def50200ff\"}"));
        DefaultTokenClient c = client(TokenClients.builder().name("rips").tokenUrl(server.uri("/token"))
                .clientId("xxx").grantType(GrantType.PASSWORD).credentials("yyy", "zzz")
                .jsonTokenRequests().clock(clock));

        AccessToken token = c.accessToken();

        assertEquals("eyJ0.5XRk", token.value());
        Recorded r = server.last("/token");
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals(Map.of("client_id", "xxx", "username", "yyy", "password", "zzz", "grant_type", "password"),
                r.json());
    }

    @Test
    void audienceAndResourceIndicatorsAreSent() {
        server.issuing("/token", "tok", 3600L);
        DefaultTokenClient c = client(TestClients.confidential(server, clock).audience("ryvn-api")
                .resource("https://api.ryvn.example/", "https://files.ryvn.example/"));

        c.accessToken();

        Recorded r = server.last("/token");
        assertEquals("ryvn-api", r.form().get("audience"));
        assertEquals("https://api.ryvn.example/,https://files.ryvn.example/", r.form().get("resource"));
    }

    // --- single flight ---

    @Test
    void concurrentCallersDuringExpiryCauseExactlyOneTokenRequest() throws Exception {
        server.enqueue("/token", Answer.token("tok-1", 60L));
        server.otherwise("/token", r -> Answer.token("tok-2", 60L).after(Duration.ofMillis(300)));
        DefaultTokenClient c = client();
        assertEquals("tok-1", c.accessToken().value());
        clock.advance(Duration.ofSeconds(61)); // expired: nobody has a usable token

        List<String> seen = hammer(c, 200);

        assertEquals(200, seen.size(), "no caller failed");
        assertEquals(Set.of("tok-2"), Set.copyOf(seen));
        assertEquals(2, server.count("/token"));
    }

    @Test
    void callersWithAValidTokenKeepUsingItWhileTheRefreshIsInFlight() throws Exception {
        CountDownLatch refreshAnswered = new CountDownLatch(1);
        server.enqueue("/token", Answer.token("tok-1", 120L));
        server.otherwise("/token", r -> Answer.token("tok-2", 120L).heldUntil(refreshAnswered));
        DefaultTokenClient c = client();
        c.accessToken();
        clock.advance(Duration.ofSeconds(100)); // inside the 30 s skew, not expired

        List<String> seen;
        try {
            // The refresh's answer is held until after every caller returned: a caller that waited for it would
            // still be waiting.
            seen = hammer(c, 200);
            awaitCount("/token", 2);
            assertEquals(0, c.state().failures(), "the refresh is still in flight, not run into its deadline");
        } finally {
            refreshAnswered.countDown();
        }

        assertEquals(200, seen.size(), "every caller returned while the refresh was in flight");
        assertEquals(Set.of("tok-1"), Set.copyOf(seen), "nobody waited for the refresh");
        assertEquals("tok-2", awaitToken(c, "tok-2").value());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void aCallerRefreshingInTheBackgroundDoesNotBlockTheCallerThread() {
        CountDownLatch refreshAnswered = new CountDownLatch(1);
        server.enqueue("/token", Answer.token("tok-1", 120L));
        server.otherwise("/token", r -> Answer.token("tok-2", 120L).heldUntil(refreshAnswered));
        DefaultTokenClient c = client();
        c.accessToken();
        clock.advance(Duration.ofSeconds(95));

        try {
            assertEquals("tok-1", c.accessToken().value(), "this call starts the refresh");
            awaitCount("/token", 2);
            // Had the call waited for the refresh, the held answer would have run into the client's deadline and
            // left a failure behind; the refresh is still in flight instead.
            assertEquals(0, c.state().failures(), "the refresh is still in flight, not run into its deadline");
            assertEquals("tok-1", c.state().token().value());
        } finally {
            refreshAnswered.countDown();
        }
        assertEquals("tok-2", awaitToken(c, "tok-2").value());
    }

    // --- lifetimes ---

    @Test
    void tokenWithoutExpiresInIsCachedUntilInvalidated() {
        server.issuing("/token", "tok", null);
        DefaultTokenClient c = client();

        AccessToken first = c.accessToken();
        clock.advance(Duration.ofDays(400));
        assertSame(first, c.accessToken());
        assertEquals(1, server.count("/token"));

        c.invalidate(first);
        assertEquals("tok-2", c.accessToken().value());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void veryShortExpiresInDoesNotCauseARequestStorm() {
        server.issuing("/token", "tok", 0L);
        DefaultTokenClient c = client();

        for (int i = 0; i < 10_000; i++) {
            c.accessToken();
        }
        clock.advance(Duration.ofMillis(900));
        for (int i = 0; i < 10_000; i++) {
            c.accessToken();
        }
        assertEquals(1, server.count("/token"));

        clock.advance(Duration.ofMillis(100)); // the minimum use of one second is over
        assertEquals("tok-2", c.accessToken().value());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void expiresInShorterThanTheSkewRefreshesAtHalfTheLifetime() {
        server.issuing("/token", "tok", 20L); // skew 30 s > lifetime
        DefaultTokenClient c = client();
        c.accessToken();

        clock.advance(Duration.ofSeconds(9));
        assertEquals("tok-1", c.accessToken().value());
        assertEquals(1, server.count("/token"));
        clock.advance(Duration.ofSeconds(2));
        c.accessToken(); // refresh started in the background; tok-1 still valid
        awaitCount("/token", 2);
    }

    @Test
    void invalidateForgetsOnlyTheRejectedToken() {
        server.issuing("/token", "tok", 3600L);
        DefaultTokenClient c = client();
        AccessToken first = c.accessToken();
        c.invalidate(first);
        AccessToken second = c.accessToken();

        c.invalidate(first); // stale: another thread already replaced it
        assertSame(second, c.accessToken());
        assertEquals(2, server.count("/token"));
    }

    // --- failures ---

    /** The hang guard only stops a broken build from waiting forever; the test measures nothing. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void answerThatNeverComesSurfacesAsTokenClientExceptionAtTheDeadline() {
        CountDownLatch answered = new CountDownLatch(1);
        server.enqueue("/token", Answer.token("late", 3600L).heldUntil(answered));
        DefaultTokenClient c = client(TestClients.confidential(server, clock).readTimeout(Duration.ofMillis(300))
                .connectTimeout(Duration.ofMillis(300)));

        TokenClientException e;
        try {
            // Only the client's own deadline can end this call: the answer is held until after it returns.
            e = assertThrows(TokenClientException.class, c::accessToken);
        } finally {
            answered.countDown();
        }

        assertEquals(0, e.httpStatus(), "no answer arrived");
        assertTrue(e.error().isEmpty());
        assertEquals(1, server.count("/token"));
    }

    @Test
    void unreachableEndpointSurfacesAsTokenClientException() {
        server.close();
        DefaultTokenClient c = client();

        TokenClientException e = assertThrows(TokenClientException.class, c::accessToken);

        assertEquals(0, e.httpStatus());
        assertFalse(e.getCause() instanceof java.io.IOException, "never a bare IOException");
    }

    @Test
    void serverErrorSurfacesItsStatusAndIsNotRetriedBeforeTheBackOff() {
        server.enqueue("/token", Answer.of(500, "<html>oops</html>"));
        server.issuing("/token", "tok", 3600L);
        DefaultTokenClient c = client();

        TokenClientException first = assertThrows(TokenClientException.class, c::accessToken);
        TokenClientException second = assertThrows(TokenClientException.class, c::accessToken);

        assertEquals(500, first.httpStatus());
        assertEquals(500, second.httpStatus(), "the waiting caller sees the last failure");
        assertEquals(1, server.count("/token"));

        clock.advance(Duration.ofSeconds(1)); // backoff-initial × 1 at most
        assertEquals("tok-1", c.accessToken().value());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void oauthErrorCarriesErrorDescriptionAndStatus() {
        server.enqueue("/token", Answer.error(401, "invalid_client", "Client authentication failed"));
        DefaultTokenClient c = client();

        TokenClientException e = assertThrows(TokenClientException.class, c::accessToken);

        assertEquals(401, e.httpStatus());
        assertEquals("invalid_client", e.error().orElseThrow());
        assertEquals("Client authentication failed", e.errorDescription().orElseThrow());
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        server.enqueue("/token", Answer.error(503, "temporarily_unavailable", "maintenance")
                .withHeader("Retry-After", "120"));
        server.issuing("/token", "tok", 3600L);
        DefaultTokenClient c = client();

        assertEquals(503, assertThrows(TokenClientException.class, c::accessToken).httpStatus());
        clock.advance(Duration.ofSeconds(119));
        TokenClientException during = assertThrows(TokenClientException.class, c::accessToken);
        assertEquals("temporarily_unavailable", during.error().orElseThrow());
        assertEquals(1, server.count("/token"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals("tok-1", c.accessToken().value());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(90).atZone(ZoneOffset.UTC));
        server.enqueue("/token", Answer.of(429, "slow down").withHeader("Retry-After", date));
        server.issuing("/token", "tok", 3600L);
        DefaultTokenClient c = client();

        assertEquals(429, assertThrows(TokenClientException.class, c::accessToken).httpStatus());
        clock.advance(Duration.ofSeconds(89));
        assertThrows(TokenClientException.class, c::accessToken);
        assertEquals(1, server.count("/token"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("tok-1", c.accessToken().value());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void repeatedFailuresBackOffExponentiallyUpToTheMaximum() {
        server.otherwise("/token", r -> Answer.of(500, ""));
        DefaultTokenClient c = client(TestClients.confidential(server, clock)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)));

        long[] expectedCaps = {1, 2, 4, 8, 10, 10};
        for (int i = 0; i < expectedCaps.length; i++) {
            assertThrows(TokenClientException.class, c::accessToken);
            assertEquals(i + 1, server.count("/token"));
            long wait = c.state().retryAt() - clock.millis();
            // jitter is pinned to its maximum in these tests: the full cap
            assertTrue(wait <= expectedCaps[i] * 1000 && wait > expectedCaps[i] * 1000 - 5,
                    "failure " + (i + 1) + " waits " + wait + " ms");
            clock.advance(Duration.ofMillis(wait - 1));
            assertThrows(TokenClientException.class, c::accessToken);
            assertEquals(i + 1, server.count("/token"), "no request before the back-off ends");
            clock.advance(Duration.ofMillis(1));
        }
    }

    @Test
    void fullJitterNeverGoesBelowTheFloor() {
        DefaultTokenClient c = client(TestClients.confidential(server, clock).random(() -> 0.0));
        EndpointException failure = EndpointException.noResponse("x", null);
        assertEquals(DefaultTokenClient.MIN_RETRY_DELAY_MILLIS, c.delayMillis(1, failure));
        assertEquals(DefaultTokenClient.MIN_RETRY_DELAY_MILLIS, c.delayMillis(40, failure));
    }

    @Test
    void callerWithAValidTokenKeepsItWhileTheEndpointFails() {
        server.enqueue("/token", Answer.token("tok-1", 120L));
        server.otherwise("/token", r -> Answer.of(503, "").withHeader("Retry-After", "3600"));
        DefaultTokenClient c = client();
        c.accessToken();
        clock.advance(Duration.ofSeconds(100));

        assertEquals("tok-1", c.accessToken().value());
        awaitCount("/token", 2);
        for (int i = 0; i < 100; i++) {
            assertEquals("tok-1", c.accessToken().value());
        }
        assertEquals(2, server.count("/token"));

        clock.advance(Duration.ofSeconds(21)); // tok-1 has expired, the back-off has not
        assertEquals(503, assertThrows(TokenClientException.class, c::accessToken).httpStatus());
        assertEquals(2, server.count("/token"));
    }

    @Test
    void malformedJsonSurfacesAsTokenClientException() {
        server.enqueue("/token", Answer.json(200, "{\"access_token\": \"abc\", "));
        DefaultTokenClient c = client();

        TokenClientException e = assertThrows(TokenClientException.class, c::accessToken);

        assertEquals(200, e.httpStatus());
        assertEquals(1, server.count("/token"));
    }

    @Test
    void missingAccessTokenSurfacesAsTokenClientException() {
        server.enqueue("/token", Answer.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":60}"));
        DefaultTokenClient c = client();

        TokenClientException e = assertThrows(TokenClientException.class, c::accessToken);

        assertEquals(200, e.httpStatus());
        assertTrue(e.error().isEmpty());
    }

    @Test
    void nonBearerTokenTypeIsRefused() {
        server.enqueue("/token", Answer.json(200, "{\"access_token\":\"abc\",\"token_type\":\"DPoP\"}"));
        DefaultTokenClient c = client();

        assertThrows(TokenClientException.class, c::accessToken);
    }

    @Test
    void expiresInAsStringAndLowerCaseBearerAreAccepted() {
        server.enqueue("/token", Answer.json(200,
                "{\"access_token\":\"abc\",\"token_type\":\"bearer\",\"expires_in\":\"60\",\"scope\":\"a b\"}"));
        DefaultTokenClient c = client();

        AccessToken t = c.accessToken();

        assertEquals(Set.of("a", "b"), t.scopes());
        assertEquals(clock.instant().plusSeconds(60), t.expiresAt().orElseThrow());
    }

    /** Found by TokenResponseFuzzTest: a lifetime no clock can add once ended the fetch in an ArithmeticException. */
    @ParameterizedTest
    @ValueSource(strings = {"1e300", "9223372036854775807", "1000000000000"})
    void expiresInBeyondAnyClockSurfacesAsTokenClientException(String expiresIn) {
        server.enqueue("/token", Answer.json(200,
                "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}"));
        DefaultTokenClient c = client();

        TokenClientException e = assertThrows(TokenClientException.class, c::accessToken);

        assertEquals(200, e.httpStatus());
        assertTrue(e.error().isEmpty());
    }

    /** Found by TokenResponseFuzzTest: such a scope once ended the fetch in an IllegalArgumentException. */
    @Test
    void scopeSeparatedByUnicodeWhitespaceIsSplit() {
        server.enqueue("/token", Answer.json(200,
                "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"scope\":\"a\\u001cb\\u2003c\"}"));
        DefaultTokenClient c = client();

        assertEquals(Set.of("a", "b", "c"), c.accessToken().scopes());
    }

    // --- refresh tokens ---

    @Test
    void refreshTokenIsUsedBeforeTheConfiguredGrantAndRotationKeepsTheNewest() {
        server.enqueue("/token",
                Answer.token("tok-1", 60L, "rt-1"),
                Answer.token("tok-2", 60L, "rt-2"),
                Answer.token("tok-3", 60L));
        DefaultTokenClient c = client(TestClients.confidential(server, clock).grantType(GrantType.PASSWORD)
                .credentials("alice", TestClients.PASSWORD));

        c.accessToken();
        clock.advance(Duration.ofSeconds(61));
        assertEquals("tok-2", c.accessToken().value());
        clock.advance(Duration.ofSeconds(61));
        assertEquals("tok-3", c.accessToken().value());

        List<Recorded> r = server.requests("/token");
        assertEquals("password", r.get(0).form().get("grant_type"));
        assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", "rt-1"), r.get(1).form());
        assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", "rt-2"), r.get(2).form());
        assertEquals("rt-2", c.state().refreshToken().value(), "no new refresh token: the last one stays");
    }

    @Test
    void invalidGrantOnRefreshFallsBackToTheConfiguredGrant() {
        server.enqueue("/token",
                Answer.token("tok-1", 60L, "rt-1"),
                Answer.error(400, "invalid_grant", "refresh token revoked"),
                Answer.token("tok-2", 60L));
        DefaultTokenClient c = client();

        c.accessToken();
        clock.advance(Duration.ofSeconds(61));
        assertEquals("tok-2", c.accessToken().value());

        List<Recorded> r = server.requests("/token");
        assertEquals(3, r.size());
        assertEquals("refresh_token", r.get(1).form().get("grant_type"));
        assertEquals("client_credentials", r.get(2).form().get("grant_type"));
        assertNull(c.state().refreshToken(), "the refused refresh token is never used again");
    }

    @Test
    void otherRefreshFailuresBackOffAndKeepTheRefreshToken() {
        server.enqueue("/token",
                Answer.token("tok-1", 60L, "rt-1"),
                Answer.of(502, "bad gateway"),
                Answer.token("tok-2", 60L));
        DefaultTokenClient c = client();

        c.accessToken();
        clock.advance(Duration.ofSeconds(61));
        assertEquals(502, assertThrows(TokenClientException.class, c::accessToken).httpStatus());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("tok-2", c.accessToken().value());

        assertEquals("refresh_token", server.requests("/token").get(2).form().get("grant_type"));
    }

    @Test
    void expiredRefreshTokenIsNotUsed() {
        server.enqueue("/token", Answer.json(200, "{\"access_token\":\"tok-1\",\"expires_in\":60,"
                + "\"refresh_token\":\"rt-1\",\"refresh_expires_in\":100}"));
        server.issuing("/token", "cc", 60L);
        DefaultTokenClient c = client();

        c.accessToken();
        clock.advance(Duration.ofSeconds(101));
        c.accessToken();

        assertEquals("client_credentials", server.last("/token").form().get("grant_type"));
        assertEquals(2, server.count("/token"));
    }

    @Test
    void refreshTokenGrantStartsFromTheConfiguredTokenAndFollowsRotation() {
        server.enqueue("/token", Answer.token("tok-1", 60L, "rt-2"), Answer.token("tok-2", 60L, "rt-3"));
        DefaultTokenClient c = client(TokenClients.builder().name("rt").tokenUrl(server.uri("/token"))
                .clientId("public-app").grantType(GrantType.REFRESH_TOKEN).refreshToken("rt-1").clock(clock));

        c.accessToken();
        clock.advance(Duration.ofSeconds(61));
        c.accessToken();

        List<Recorded> r = server.requests("/token");
        assertEquals(Map.of("client_id", "public-app", "grant_type", "refresh_token", "refresh_token", "rt-1"),
                r.get(0).form());
        assertEquals("rt-2", r.get(1).form().get("refresh_token"));
    }

    @Test
    void refusedConfiguredRefreshTokenIsReportedAndNotRetried() {
        server.enqueue("/token", Answer.error(400, "invalid_grant", "expired"));
        DefaultTokenClient c = client(TokenClients.builder().name("rt").tokenUrl(server.uri("/token"))
                .clientId("public-app").grantType(GrantType.REFRESH_TOKEN).refreshToken("rt-1").clock(clock));

        TokenClientException e = assertThrows(TokenClientException.class, c::accessToken);
        assertEquals("invalid_grant", e.error().orElseThrow());
        clock.advance(Duration.ofMinutes(5));
        assertThrows(TokenClientException.class, c::accessToken);

        assertEquals(1, server.count("/token"), "the refused token is not sent again");
    }

    // --- discovery ---

    @Test
    void tokenEndpointIsDiscoveredFromAuthorizationServerMetadata() {
        String issuer = server.uri("/as").toString();
        server.otherwise("/.well-known/oauth-authorization-server/as", r -> Answer.json(200,
                "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + server.uri("/as/token") + "\"}"));
        server.issuing("/as/token", "tok", 60L);
        DefaultTokenClient c = client(TokenClients.builder().name("d").issuer(issuer).clientId("svc")
                .clientSecret(TestClients.SECRET).clock(clock));

        assertEquals("tok-1", c.accessToken().value());
        clock.advance(Duration.ofSeconds(61));
        c.accessToken();

        assertEquals(1, server.count("/.well-known/oauth-authorization-server/as"), "discovered once");
        assertEquals(2, server.count("/as/token"));
    }

    @Test
    void discoveryFallsBackToOpenIdConfiguration() {
        String issuer = server.uri("").toString();
        server.otherwise("/.well-known/openid-configuration", r -> Answer.json(200,
                "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + server.uri("/token") + "\"}"));
        server.issuing("/token", "tok", 60L);
        DefaultTokenClient c = client(TokenClients.builder().name("d").issuer(issuer).clientId("svc")
                .clientSecret(TestClients.SECRET).clock(clock));

        assertEquals("tok-1", c.accessToken().value());
        assertEquals(1, server.count("/.well-known/oauth-authorization-server"));
    }

    /** Nimbus reads the JSON literal null as a null map: once a NullPointerException (see RequestBody). */
    @Test
    void discoveryDocumentThatIsJsonNullIsNotAJsonObject() {
        String issuer = server.uri("").toString();
        server.otherwise("/.well-known/oauth-authorization-server", r -> Answer.json(200, "null"));
        server.otherwise("/.well-known/openid-configuration", r -> Answer.json(200,
                "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + server.uri("/token") + "\"}"));
        server.issuing("/token", "tok", 60L);
        DefaultTokenClient c = client(TokenClients.builder().name("d").issuer(issuer).clientId("svc")
                .clientSecret(TestClients.SECRET).clock(clock));

        assertEquals("tok-1", c.accessToken().value());
    }

    @Test
    void discoveryRefusesMetadataOfAnotherIssuer() {
        String issuer = server.uri("").toString();
        server.otherwise("/.well-known/oauth-authorization-server", r -> Answer.json(200,
                "{\"issuer\":\"https://evil.example\",\"token_endpoint\":\"" + server.uri("/token") + "\"}"));
        DefaultTokenClient c = client(TokenClients.builder().name("d").issuer(issuer).clientId("svc")
                .clientSecret(TestClients.SECRET).clock(clock));

        assertThrows(TokenClientException.class, c::accessToken);
        assertEquals(0, server.count("/token"));
    }

    // --- shutdown ---

    @Test
    void closeRevokesTheRefreshTokenWhenConfigured() {
        server.enqueue("/token", Answer.token("tok-1", 60L, "rt-1"));
        server.otherwise("/revoke", r -> Answer.of(200, ""));
        DefaultTokenClient c = TestClients.confidential(server, clock).revokeOnShutdown(true)
                .revocationUrl(server.uri("/revoke").toString()).build();
        c.accessToken();

        c.close();

        Recorded r = server.last("/revoke");
        assertEquals(Map.of("token", "rt-1", "token_type_hint", "refresh_token"), r.form());
        assertTrue(r.header("Authorization").startsWith("Basic "));
        assertThrows(TokenClientException.class, c::accessToken);
    }

    @Test
    void closeDoesNotRevokeByDefault() {
        server.enqueue("/token", Answer.token("tok-1", 60L, "rt-1"));
        DefaultTokenClient c = TestClients.confidential(server, clock).build();
        c.accessToken();

        c.close();

        assertEquals(0, server.count("/revoke"));
        assertThrows(TokenClientException.class, c::accessToken);
    }

    // --- secrets ---

    @Test
    void noSecretTokenOrPasswordReachesExceptionMessagesOrLogs() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new SimpleFormatter().formatMessage(record) + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.tollgate.impl.client");
        Level old = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            server.enqueue("/token",
                    Answer.token("ACCESS-TOKEN-VALUE", 60L, "REFRESH-TOKEN-VALUE"),
                    Answer.error(400, "invalid_grant", "REFRESH-TOKEN-VALUE is revoked"),
                    Answer.error(401, "invalid_client", "bad secret " + TestClients.SECRET));
            DefaultTokenClient c = client(TestClients.confidential(server, clock).grantType(GrantType.PASSWORD)
                    .credentials("alice", TestClients.PASSWORD));
            List<String> messages = new ArrayList<>();
            messages.add(c.accessToken().toString());
            messages.add(c.config().toString());
            clock.advance(Duration.ofSeconds(61));
            TokenClientException e = assertThrows(TokenClientException.class, c::accessToken);
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.add(t.toString());
            }
            messages.addAll(logged);

            for (String m : messages) {
                for (String secret : List.of("ACCESS-TOKEN-VALUE", "REFRESH-TOKEN-VALUE", TestClients.SECRET,
                        TestClients.PASSWORD)) {
                    assertFalse(m.contains(secret), "leaked in: " + m);
                }
            }
            assertFalse(logged.isEmpty(), "the failure was logged");
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(old);
        }
    }

    @Test
    void authorizationCodeClientHasNoTokenOfItsOwn() {
        DefaultTokenClient c = client(TokenClients.builder().name("web").tokenUrl(server.uri("/token"))
                .authorizationUrl(server.uri("/authorize").toString()).redirectUri("https://app.example/cb")
                .clientId("web").grantType(GrantType.AUTHORIZATION_CODE).clock(clock));

        assertThrows(TokenClientException.class, c::accessToken);
        assertEquals(0, server.count("/token"));
    }

    // --- helpers ---

    /** {@code threads} callers released at once; returns every token value they got. */
    private static List<String> hammer(DefaultTokenClient c, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return c.accessToken().value();
                }));
            }
            ready.await();
            go.countDown();
            List<String> values = new ArrayList<>();
            for (Future<String> f : futures) {
                values.add(f.get(10, TimeUnit.SECONDS));
            }
            return values;
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitCount(String path, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.count(path) < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(count, server.count(path));
    }

    private static AccessToken awaitToken(DefaultTokenClient c, String value) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        AccessToken t = c.accessToken();
        while (!t.value().equals(value) && System.nanoTime() < deadline) {
            Thread.yield();
            t = c.accessToken();
        }
        return t;
    }
}
