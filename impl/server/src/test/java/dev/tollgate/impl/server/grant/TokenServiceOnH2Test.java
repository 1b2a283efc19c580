package dev.tollgate.impl.server.grant;

import static dev.tollgate.impl.server.grant.ServerFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.throttle.AccountLockout;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The token endpoint's grants, client authentication and errors, on H2 with the real migrations. */
class TokenServiceOnH2Test extends ServerOnH2Test {

    /** Where a password guesser's requests come from (TEST-NET-2, RFC 5737). */
    private static final String ATTACKER = "198.51.100.66";

    private static OAuthException assertOAuthError(OAuthError expected, Executable call) {
        OAuthException e = assertThrows(OAuthException.class, call);
        assertEquals(expected, e.error());
        return e;
    }

    private String jti(TokenResponse response) {
        return server.verifier.verify(response.accessToken()).orElseThrow().jti();
    }

    private static JWTClaimsSet claims(TokenResponse response) throws Exception {
        return SignedJWT.parse(response.accessToken()).getJWTClaimsSet();
    }

    @Test
    void tokenWhenClientCredentialsWithBasicThenAt9068AccessToken() throws Exception {
        TokenResponse response = server.token(basic(SERVICE, SECRET), "grant_type", "client_credentials",
                "scope", "read");

        SignedJWT jwt = SignedJWT.parse(response.accessToken());
        assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType());
        assertEquals(server.keys.signingKey().getKeyID(), jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(SERVICE, claims.getSubject());
        assertEquals(List.of(ISSUER), claims.getAudience());
        assertEquals(SERVICE, claims.getClaim("client_id"));
        assertEquals("read", claims.getClaim("scope"));
        assertEquals(server.clock.instant(), claims.getIssueTime().toInstant());
        assertEquals(server.clock.instant().plus(Duration.ofMinutes(15)), claims.getExpirationTime().toInstant());
        assertTrue(claims.getJWTID() != null && claims.getClaim("roles") == null);
        assertTrue(server.verifier.verify(response.accessToken()).isPresent());
        assertEquals(Optional.empty(), response.refreshToken());
        assertEquals(Set.of("read"), response.scope());
    }

    @Test
    void tokenWhenClientCredentialsThenNoDatabaseWrite() {
        SqlRecorder recorder = new SqlRecorder();
        ServerFixture recorded = new ServerFixture(recorder.wrap(dataSource()));
        recorded.token(basic(SERVICE, SECRET), "grant_type", "client_credentials");
        recorder.statements.clear();

        recorded.token(basic(SERVICE, SECRET), "grant_type", "client_credentials");

        assertEquals(List.of(), recorder.writes());
        assertFalse(recorder.statements.isEmpty(), "the client was read");
    }

    @Test
    void tokenWhenClientSecretPostThenIssued() {
        TokenResponse response = server.token(Optional.empty(), "grant_type", "client_credentials", "client_id",
                SERVICE, "client_secret", SECRET);

        assertEquals(Set.of("read", "write", "aud:orders"), response.scope());
    }

    @Test
    void tokenWhenResourceOrAudienceScopeThenAud() throws Exception {
        assertEquals(List.of("orders"), claims(server.token(basic(SERVICE, SECRET), "grant_type",
                "client_credentials", "resource", "orders")).getAudience());
        assertEquals(List.of("orders"), claims(server.token(basic(SERVICE, SECRET), "grant_type",
                "client_credentials", "scope", "read aud:orders")).getAudience());
    }

    @Test
    void tokenWhenResourceNotAllowedThenInvalidTarget() {
        assertOAuthError(OAuthError.INVALID_TARGET, () -> server.token(basic(SERVICE, SECRET), "grant_type",
                "client_credentials", "resource", "billing"));
        assertOAuthError(OAuthError.INVALID_TARGET, () -> server.token(basic(SERVICE, SECRET), "grant_type",
                "client_credentials", "resource", "orders", "resource", "bad\\resource"));
        assertOAuthError(OAuthError.INVALID_TARGET, () -> server.token(Optional.empty(), "grant_type", "password",
                "client_id", SPA, "username", USER, "password", PASSWORD, "resource", "orders"));
        assertOAuthError(OAuthError.INVALID_SCOPE, () -> server.token(basic(SERVICE, SECRET), "grant_type",
                "client_credentials", "scope", "aud:billing"));
    }

    @Test
    void tokenWhenScopeNotAllowedThenInvalidScope() {
        assertOAuthError(OAuthError.INVALID_SCOPE, () -> server.token(basic(SERVICE, SECRET), "grant_type",
                "client_credentials", "scope", "read admin"));
    }

    @Test
    void tokenWhenJsonPasswordBodyThenUserTokenWithRolesAndRefresh() throws Exception {
        TokenResponse response = server.token.token(ISSUER, Optional.empty(), "application/json; charset=utf-8",
                "{\"grant_type\":\"password\",\"client_id\":\"spa\",\"username\":\"Alice@Example.com\","
                        + "\"password\":\"correct horse battery\"}");

        JWTClaimsSet claims = claims(response);
        assertEquals(server.userSubject, claims.getSubject());
        assertEquals(List.of("admin"), claims.getStringListClaim("roles"));
        assertEquals(SPA, claims.getClaim("client_id"));
        assertTrue(response.refreshToken().isPresent());
        assertEquals(Optional.of(Duration.ofDays(30)), response.refreshExpiresIn());
    }

    @Test
    void tokenWhenPerClientLifetimeThenExpiresInFollowsIt() {
        TokenResponse response = server.token(basic(APP, SECRET), "grant_type", "password", "username", USER,
                "password", PASSWORD);

        assertEquals(Optional.of(Duration.ofMinutes(5)), response.expiresIn());
    }

    @Test
    void tokenWhenWrongPasswordOrDisabledUserThenInvalidGrant() {
        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.token(Optional.empty(), "grant_type", "password",
                "client_id", SPA, "username", USER, "password", "wrong"));
        server.users.disable(USER);
        assertOAuthError(OAuthError.INVALID_GRANT, server::login);
    }

    @Test
    void tokenWhenFivePasswordsWrongThenLockedWithRetryAfterAndTheRightOneRefused() {
        for (int i = 0; i < 5; i++) {
            OAuthException wrong = assertOAuthError(OAuthError.INVALID_GRANT, () -> server.tokenFrom(ATTACKER,
                    Optional.empty(), "grant_type", "password", "client_id", SPA, "username", USER, "password",
                    "wrong"));
            assertTrue(wrong.retryAfterSeconds().isEmpty(), "a wrong password is not a lock");
        }

        OAuthException locked = assertOAuthError(OAuthError.INVALID_GRANT, () -> server.tokenFrom(ATTACKER,
                Optional.empty(), "grant_type", "password", "client_id", SPA, "username", USER, "password",
                PASSWORD));

        assertEquals(60, locked.retryAfterSeconds().getAsLong());
        assertTrue(server.verifier.verify(server.tokenFrom("192.0.2.1", Optional.empty(), "grant_type", "password",
                "client_id", SPA, "username", USER, "password", PASSWORD).accessToken()).isPresent(),
                "the owner, elsewhere, is not locked out");
        server.clock.advance(Duration.ofSeconds(60));
        assertTrue(server.tokenFrom(ATTACKER, Optional.empty(), "grant_type", "password", "client_id", SPA,
                "username", USER, "password", PASSWORD).refreshToken().isPresent(), "the lock has run out");
    }

    @Test
    void tokenWhenUnknownAccountGuessedThenLockedAlikeAndLockSharedWithOtherPaths() {
        for (int i = 0; i < 5; i++) {
            assertOAuthError(OAuthError.INVALID_GRANT, () -> server.tokenFrom(ATTACKER, Optional.empty(),
                    "grant_type", "password", "client_id", SPA, "username", "nobody@example.com", "password", "x"));
        }

        assertEquals(60, assertOAuthError(OAuthError.INVALID_GRANT, () -> server.tokenFrom(ATTACKER,
                Optional.empty(), "grant_type", "password", "client_id", SPA, "username", "Nobody@Example.com",
                "password", "x")).retryAfterSeconds().getAsLong());
        assertTrue(server.lockout.reserve("nobody@example.com", ATTACKER) instanceof AccountLockout.Locked,
                "the lock is the one other paths (login page, plain headers) ask");
    }

    @Test
    void tokenWhenClientNotAllowedTheGrantThenUnauthorizedClient() {
        assertOAuthError(OAuthError.UNAUTHORIZED_CLIENT, () -> server.token(basic(SERVICE, SECRET), "grant_type",
                "password", "username", USER, "password", PASSWORD));
        assertOAuthError(OAuthError.UNAUTHORIZED_CLIENT, () -> server.token(Optional.empty(), "grant_type",
                "client_credentials", "client_id", SPA));
    }

    @Test
    void tokenWhenClientAuthenticationFailsThenInvalidClientWithBasicChallenge() {
        OAuthException wrongSecret = assertOAuthError(OAuthError.INVALID_CLIENT, () -> server.token(
                basic(SERVICE, "wrong-secret-0123456789"), "grant_type", "client_credentials"));
        assertTrue(wrongSecret.basicChallenge());
        assertOAuthError(OAuthError.INVALID_CLIENT, () -> server.token(Optional.empty(), "grant_type",
                "client_credentials"));
        assertOAuthError(OAuthError.INVALID_CLIENT, () -> server.token(Optional.empty(), "grant_type",
                "client_credentials", "client_id", "nobody", "client_secret", SECRET));
        // A confidential client must authenticate: its id alone is not enough.
        assertOAuthError(OAuthError.INVALID_CLIENT, () -> server.token(Optional.empty(), "grant_type",
                "client_credentials", "client_id", SERVICE));
        // A public client has no secret to check.
        assertOAuthError(OAuthError.INVALID_CLIENT, () -> server.token(Optional.empty(), "grant_type", "password",
                "client_id", SPA, "client_secret", SECRET, "username", USER, "password", PASSWORD));
    }

    @Test
    void tokenWhenBasicAndBodySecretThenInvalidRequest() {
        assertOAuthError(OAuthError.INVALID_REQUEST, () -> server.token(basic(SERVICE, SECRET), "grant_type",
                "client_credentials", "client_secret", SECRET));
    }

    @Test
    void tokenWhenUnknownGrantThenUnsupportedGrantType() {
        assertOAuthError(OAuthError.UNSUPPORTED_GRANT_TYPE, () -> server.token(basic(SERVICE, SECRET),
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code"));
    }

    @Test
    void tokenWhenMalformedBodyThenInvalidRequest() {
        for (String[] body : List.of(
                new String[] {"text/plain", "grant_type=client_credentials"},
                new String[] {null, "grant_type=client_credentials"},
                new String[] {"application/json", "not json"},
                new String[] {"application/json", "[\"grant_type\"]"},
                new String[] {"application/json", "{\"grant_type\":null}"},
                new String[] {"application/json", "{\"grant_type\":{\"a\":1}}"},
                new String[] {"application/json", "{\"grant_type\":\"password\",\"grant_type\":\"password\"}"},
                new String[] {"application/x-www-form-urlencoded", "grant_type=%E2%82"},
                new String[] {"application/x-www-form-urlencoded", "grant_type=a&grant_type=b"},
                new String[] {"application/x-www-form-urlencoded", ""})) {
            OAuthException e = assertThrows(OAuthException.class, () -> server.token.token(ISSUER,
                    basic(SERVICE, SECRET), body[0], body[1]), () -> body[0] + " " + body[1]);
            assertEquals(OAuthError.INVALID_REQUEST, e.error(), () -> body[0] + " " + body[1]);
        }
    }

    @Test
    void tokenWhenRefreshedThenRotatedInTheSameFamily() throws Exception {
        TokenResponse login = server.login();
        server.clock.advance(Duration.ofMinutes(1));

        TokenResponse refreshed = server.refresh(login.refreshToken().orElseThrow());

        assertNotEquals(login.refreshToken(), refreshed.refreshToken());
        assertEquals(List.of("admin"), claims(refreshed).getStringListClaim("roles"));
        assertEquals(server.refreshTokens.find(login.refreshToken().get()).orElseThrow().familyId(),
                server.refreshTokens.find(refreshed.refreshToken().get()).orElseThrow().familyId());
    }

    @Test
    void tokenWhenRefreshedThenOneLockedReadAndTwoWrites() {
        SqlRecorder recorder = new SqlRecorder();
        ServerFixture recorded = new ServerFixture(recorder.wrap(dataSource()));
        String token = recorded.login().refreshToken().orElseThrow();
        recorder.statements.clear();

        recorded.refresh(token);

        // The cost of a rotation, for capacity planning: the row lock, then the used mark and the successor.
        assertEquals(1, recorder.statements.stream().filter(sql -> sql.endsWith("FOR UPDATE")).count());
        assertEquals(2, recorder.writes().size(), recorder.writes()::toString);
        assertTrue(recorder.writes().get(0).startsWith("UPDATE refresh_tokens SET used_at"));
        assertTrue(recorder.writes().get(1).startsWith("INSERT INTO refresh_tokens"));
        // The client, the locked token, the user, the two writes (the unlocked read before the lock is gone).
        assertEquals(5, recorder.statements.size(), recorder.statements::toString);
    }

    @Test
    void tokenWhenRefreshTokenReusedAfterGracePeriodThenFamilyRevoked() {
        String first = server.login().refreshToken().orElseThrow();
        String second = server.refresh(first).refreshToken().orElseThrow();
        server.clock.advance(Duration.ofSeconds(11));

        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.refresh(first));

        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.refresh(second));
    }

    @Test
    void tokenWhenRefreshTokenReusedWithinGracePeriodThenAnsweredAndTheEarlierBranchDies() {
        String first = server.login().refreshToken().orElseThrow();
        TokenResponse earlier = server.refresh(first);
        server.clock.advance(Duration.ofSeconds(9));

        String parallel = server.refresh(first).refreshToken().orElseThrow();

        assertNotEquals(earlier.refreshToken().orElseThrow(), parallel);
        assertFalse(server.refreshTokens.find(earlier.refreshToken().get()).orElseThrow()
                .activeAt(server.clock.instant()), "at most one live successor (RFC 9700 §4.14.2)");
        assertTrue(server.denyList.isRevoked(jti(earlier)), "the earlier branch's access token dies with it");
        server.refresh(parallel);
    }

    @Test
    void tokenWhenRefreshedFiveTimesWithinGracePeriodThenALaterUseOfADeadBranchRevokesTheFamily() {
        String first = server.login().refreshToken().orElseThrow();
        List<TokenResponse> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(server.refresh(first));
            server.clock.advance(Duration.ofSeconds(1));
        }
        TokenResponse live = answers.get(4);
        server.clock.advance(Duration.ofSeconds(11));

        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.refresh(answers.get(0).refreshToken().get()));

        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.refresh(live.refreshToken().get()));
        assertTrue(server.denyList.isRevoked(jti(live)), "the family's access tokens are revoked too");
    }

    @Test
    void tokenWhenReuseDetectedThenAccessTokensOfTheFamilyDenyListed() {
        TokenResponse login = server.login();
        String first = login.refreshToken().orElseThrow();
        TokenResponse second = server.refresh(first);
        server.clock.advance(Duration.ofSeconds(11));

        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.refresh(first));

        assertTrue(server.denyList.isRevoked(jti(login)));
        assertTrue(server.denyList.isRevoked(jti(second)));
    }

    @Test
    void tokenWhenTwoParallelRefreshesThenBothAnsweredAndOneSuccessorLive() {
        String first = server.login().refreshToken().orElseThrow();

        CompletableFuture<TokenResponse> a = CompletableFuture.supplyAsync(() -> server.refresh(first));
        CompletableFuture<TokenResponse> b = CompletableFuture.supplyAsync(() -> server.refresh(first));

        String one = a.join().refreshToken().orElseThrow();
        String two = b.join().refreshToken().orElseThrow();
        assertNotEquals(one, two);
        assertEquals(1, List.of(one, two).stream().filter(token -> server.refreshTokens.find(token).orElseThrow()
                .activeAt(server.clock.instant())).count());
    }

    @Test
    void tokenWhenRefreshTokenRevokedBetweenItsReadAndItsRotationThenInvalidGrant() {
        String token = server.login().refreshToken().orElseThrow();
        String family = server.refreshTokens.find(token).orElseThrow().familyId();
        // A revocation (logout, account disabled) that lands after the grant read the token, before the exchange
        // locks it: the locked row, not the grant's copy, decides, and the answer is invalid_grant.
        ServerFixture racing = new ServerFixture(revokingBeforeRotation(dataSource(), family));

        assertOAuthError(OAuthError.INVALID_GRANT, () -> racing.refresh(token));
        assertTrue(server.refreshTokens.find(token).orElseThrow().revokedAt().isPresent());
    }

    /** A data source that revokes {@code family} just before the exchange locks the token's row. */
    private DataSource revokingBeforeRotation(DataSource target, String family) {
        RefreshTokenStore revoker = server.refreshTokens;
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(target, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && a[0] instanceof String sql
                                        && sql.startsWith("SELECT") && sql.endsWith("FOR UPDATE")) {
                                    revoker.revokeFamily(family);
                                }
                                return m.invoke(connection, a);
                            });
                });
    }

    @Test
    void tokenWhenRefreshTokenExpiredThenInvalidGrant() {
        String token = server.login().refreshToken().orElseThrow();
        server.clock.advance(Duration.ofDays(30));

        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.refresh(token));
    }

    @Test
    void tokenWhenRefreshTokenOfAnotherClientThenInvalidGrantAndTokenStillUsable() {
        String token = server.login().refreshToken().orElseThrow();

        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.token(basic(APP, SECRET), "grant_type",
                "refresh_token", "refresh_token", token));

        server.refresh(token);
    }

    @Test
    void tokenWhenRefreshAsksForWiderScopeThenInvalidScopeAndTokenNotUsedUp() {
        String token = server.token(basic(APP, SECRET), "grant_type", "password", "username", USER, "password",
                PASSWORD, "scope", "read").refreshToken().orElseThrow();

        assertOAuthError(OAuthError.INVALID_SCOPE, () -> server.token(basic(APP, SECRET), "grant_type",
                "refresh_token", "refresh_token", token, "scope", "read write"));

        assertTrue(server.refreshTokens.find(token).orElseThrow().activeAt(server.clock.instant()));
    }

    @Test
    void tokenWhenUserDisabledThenRefreshIsInvalidGrant() {
        String token = server.login().refreshToken().orElseThrow();
        server.users.disable(USER);

        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.refresh(token));
    }

    @Test
    void tokenWhenUserDisabledThenRefreshRotatesNothingAndRevokesTheFamily() {
        String token = server.login().refreshToken().orElseThrow();
        String successor = server.refresh(token).refreshToken().orElseThrow();
        server.users.disable(USER);

        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.refresh(successor));

        RefreshTokenStore.Stored stored = server.refreshTokens.find(successor).orElseThrow();
        assertTrue(stored.usedAt().isEmpty(), "not rotated");
        assertTrue(stored.revokedAt().isPresent(), "the family is revoked");
    }

    @Test
    void tokenWhenUserDisabledWithinGracePeriodThenTheLiveSuccessorStays() {
        String token = server.login().refreshToken().orElseThrow();
        String successor = server.refresh(token).refreshToken().orElseThrow();
        server.users.disable(USER);

        // A second use within the grace period would replace the successor: refused, nothing of it is kept.
        assertOAuthError(OAuthError.INVALID_GRANT, () -> server.refresh(token));

        RefreshTokenStore.Stored stored = server.refreshTokens.find(successor).orElseThrow();
        assertTrue(stored.usedAt().isEmpty());
        assertTrue(stored.revokedAt().isPresent(), "revoked with its family, not replaced");
    }

    @Test
    void tokenResponseJsonHasEveryMemberAndPrintsNoToken() {
        TokenResponse response = server.login();

        String json = response.toJson();
        for (String member : List.of("access_token", "token_type", "expires_in", "refresh_token",
                "refresh_expires_in", "scope")) {
            assertTrue(json.contains("\"" + member + "\""), member);
        }
        assertFalse(response.toString().contains(response.accessToken()));
        assertFalse(response.toString().contains(response.refreshToken().get()));
    }
}
