package dev.tollgate.impl.server.revocation;

import static dev.tollgate.impl.server.grant.ServerFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.grant.ServerFixture;
import dev.tollgate.impl.server.grant.ServerOnH2Test;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 7009 revocation, RFC 7662 introspection and the gate's deny-list checker, on H2. */
class RevocationAndIntrospectionOnH2Test extends ServerOnH2Test {

    private static final String FORM = "application/x-www-form-urlencoded";

    private void revoke(Optional<String> authorization, String... pairs) {
        server.revocation.revoke(authorization, FORM, ServerFixture.form(pairs));
    }

    private Map<String, Object> introspect(String token) throws Exception {
        return JSONObjectUtils.parse(server.introspection.introspect(ISSUER, basic(SERVICE, SECRET), FORM,
                ServerFixture.form("token", token)));
    }

    private Map<String, Object> introspectUnchecked(String token) {
        try {
            return introspect(token);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String jti(String accessToken) {
        return server.verifier.verify(accessToken).orElseThrow().jti();
    }

    @Test
    void introspectWhenActiveAccessTokenThenItsClaims() throws Exception {
        TokenResponse tokens = server.login();

        Map<String, Object> answer = introspect(tokens.accessToken());

        assertEquals(true, answer.get("active"));
        assertEquals(server.userSubject, answer.get("sub"));
        assertEquals(SPA, answer.get("client_id"));
        assertEquals("read", answer.get("scope"));
        assertEquals(ISSUER, answer.get("iss"));
        assertEquals(ISSUER, answer.get("aud"));
        assertEquals("Bearer", answer.get("token_type"));
        assertEquals(jti(tokens.accessToken()), answer.get("jti"));
        assertTrue(answer.containsKey("exp") && answer.containsKey("iat"));
    }

    @Test
    void introspectWhenNotActiveThenOnlyActiveFalse() throws Exception {
        TokenResponse tokens = server.login();
        String refresh = tokens.refreshToken().orElseThrow();
        server.refresh(refresh);

        for (String token : List.of("garbage", "a.b.c", refresh, "x".repeat(20_000))) {
            assertEquals(IntrospectionEndpoint.INACTIVE, server.introspection.introspect(ISSUER,
                    basic(SERVICE, SECRET), FORM, ServerFixture.form("token", token)), token);
        }
        server.clock.advance(Duration.ofMinutes(16));
        assertEquals(Map.of("active", false), introspect(tokens.accessToken()));
    }

    @Test
    void introspectWhenRefreshTokenThenActiveOnlyToItsClient() throws Exception {
        String refresh = server.token(basic(APP, SECRET), "grant_type", "password", "username", USER, "password",
                PASSWORD).refreshToken().orElseThrow();

        assertEquals(Map.of("active", false), introspect(refresh));
        Map<String, Object> own = JSONObjectUtils.parse(server.introspection.introspect(ISSUER, basic(APP, SECRET),
                FORM, ServerFixture.form("token", refresh)));
        assertEquals(true, own.get("active"));
        assertEquals(server.userSubject, own.get("sub"));
    }

    @Test
    void introspectWhenClientNotAuthenticatedThenInvalidClient() {
        String access = server.login().accessToken();
        for (Optional<String> authorization : List.of(Optional.<String>empty(), basic(SERVICE, "wrong"))) {
            OAuthException e = assertThrows(OAuthException.class, () -> server.introspection.introspect(ISSUER,
                    authorization, FORM, ServerFixture.form("token", access)));
            assertEquals(OAuthError.INVALID_CLIENT, e.error());
        }
        OAuthException publicClient = assertThrows(OAuthException.class, () -> server.introspection.introspect(
                ISSUER, Optional.empty(), FORM, ServerFixture.form("token", access, "client_id", SPA)));
        assertEquals(OAuthError.INVALID_CLIENT, publicClient.error());
    }

    @Test
    void revokeWhenAccessTokenThenDenyListedUntilExpiryAndIntrospectionInactive() throws Exception {
        String access = server.login().accessToken();

        revoke(Optional.empty(), "token", access, "client_id", SPA);

        assertTrue(server.denyList.isRevoked(jti(access)));
        assertEquals(Map.of("active", false), introspect(access));
        assertTrue(server.checker.isRevoked(jti(access), Caller.anonymous()));
    }

    @Test
    void revokeWhenRefreshTokenThenFamilyRevoked() {
        String first = server.login().refreshToken().orElseThrow();
        String second = server.refresh(first).refreshToken().orElseThrow();

        revoke(Optional.empty(), "token", first, "token_type_hint", "refresh_token", "client_id", SPA);

        OAuthException e = assertThrows(OAuthException.class, () -> server.refresh(second));
        assertEquals(OAuthError.INVALID_GRANT, e.error());
    }

    @Test
    void revokeWhenUnknownOrExpiredTokenThenNothingChangesAndNoError() {
        TokenResponse tokens = server.login();

        revoke(basic(SERVICE, SECRET), "token", "unknown");
        revoke(basic(SERVICE, SECRET), "token", "garbage.token.value");
        server.clock.advance(Duration.ofMinutes(16));
        revoke(basic(SERVICE, SECRET), "token", tokens.accessToken()); // expired: invalid, 200 (RFC 7009 §2.2)

        server.refresh(tokens.refreshToken().orElseThrow());
    }

    @Test
    void revokeWhenAnotherClientsTokenThenInvalidGrantAndNothingRevoked() {
        TokenResponse tokens = server.login();

        // RFC 7009 §2.1: "the request is refused and the client is informed of the error".
        OAuthException access = assertThrows(OAuthException.class, () -> revoke(basic(SERVICE, SECRET),
                "token", tokens.accessToken()));
        OAuthException refresh = assertThrows(OAuthException.class, () -> revoke(basic(APP, SECRET),
                "token", tokens.refreshToken().orElseThrow()));

        assertEquals(OAuthError.INVALID_GRANT, access.error());
        assertEquals(OAuthError.INVALID_GRANT, refresh.error());
        assertFalse(server.denyList.isRevoked(jti(tokens.accessToken())));
        assertEquals(true, introspectUnchecked(tokens.accessToken()).get("active"));
        server.refresh(tokens.refreshToken().orElseThrow());
    }

    @Test
    void revokeWhenRefreshTokenThenAccessTokensOfTheSameGrantInactiveAndRefusedByTheGate() throws Exception {
        TokenResponse login = server.login();
        TokenResponse refreshed = server.refresh(login.refreshToken().orElseThrow());
        Caller caller = Caller.of(USER, SPA, Set.of(), Set.of(), CredentialKind.JWT, null);
        assertFalse(server.checker.isRevoked(jti(refreshed.accessToken()), caller));

        revoke(Optional.empty(), "token", refreshed.refreshToken().orElseThrow(), "client_id", SPA);

        // RFC 7009 §2.1: the access tokens of the same grant, issued with any refresh token of the family.
        for (TokenResponse tokens : List.of(login, refreshed)) {
            assertEquals(Map.of("active", false), introspect(tokens.accessToken()));
            assertTrue(server.checker.isRevoked(jti(tokens.accessToken()), caller), "this node: at once");
        }
    }

    @Test
    void introspectWhenClientDeletedThenInactiveAsTheGateRefusesIt() throws Exception {
        String access = server.token(basic(APP, SECRET), "grant_type", "password", "username", USER, "password",
                PASSWORD).accessToken();
        assertEquals(true, introspect(access).get("active"));

        server.clients.softDelete(new ClientId(APP));
        server.clock.advance(Duration.ofSeconds(5)); // the gate checker's cache bound

        assertEquals(Map.of("active", false), introspect(access));
    }

    @Test
    void introspectWhenUserDisabledThenInactiveAsTheGateRefusesIt() throws Exception {
        TokenResponse tokens = server.token(basic(APP, SECRET), "grant_type", "password", "username", USER,
                "password", PASSWORD);
        assertEquals(true, introspect(tokens.accessToken()).get("active"));

        server.users.disable(USER);
        server.gateChecker.invalidate(server.userSubject); // as UserAdministration tells this node's checker

        assertEquals(Map.of("active", false), introspect(tokens.accessToken()));
        assertEquals(IntrospectionEndpoint.INACTIVE, server.introspection.introspect(ISSUER, basic(APP, SECRET),
                FORM, ServerFixture.form("token", tokens.refreshToken().orElseThrow())));
    }

    @Test
    void revokeWhenNoTokenOrBadClientThenError() {
        OAuthException noToken = assertThrows(OAuthException.class, () -> revoke(basic(SERVICE, SECRET)));
        assertEquals(OAuthError.INVALID_REQUEST, noToken.error());
        OAuthException badClient = assertThrows(OAuthException.class, () -> revoke(basic(SERVICE, "wrong"),
                "token", "x"));
        assertEquals(OAuthError.INVALID_CLIENT, badClient.error());
        assertTrue(badClient.basicChallenge());
    }

    @Test
    void checkerSeesARevocationFromAnotherNodeWithinTheCacheTime() {
        JdbcRevocationChecker checker = server.checker;
        assertFalse(checker.isRevoked("jti-1", Caller.anonymous()));
        // Another node revokes it: straight into the table, this node's copy is not told.
        new RevokedAccessTokenStore(dataSource(), server.clock).revoke("jti-1",
                server.clock.instant().plus(Duration.ofMinutes(10)));

        assertFalse(checker.isRevoked("jti-1", Caller.anonymous()), "cached");
        server.clock.advance(Duration.ofSeconds(5));
        assertTrue(checker.isRevoked("jti-1", Caller.anonymous()), "seen within the bound");
        server.clock.advance(Duration.ofMinutes(11));
        assertFalse(checker.isRevoked("jti-1", Caller.anonymous()), "expired tokens leave the copy");
        assertFalse(checker.isRevoked(null, Caller.anonymous()));
    }
}
