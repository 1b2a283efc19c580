package dev.tollgate.impl.server.userinfo;

import static dev.tollgate.impl.server.grant.ServerFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.grant.ServerFixture;
import dev.tollgate.impl.server.grant.ServerOnH2Test;
import dev.tollgate.impl.server.store.ClientId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** UserInfo (OpenID Connect Core §5.3) for a user and for a service client, and its invalid_token cases. */
class UserInfoEndpointOnH2Test extends ServerOnH2Test {

    private Map<String, Object> userInfo(String accessToken) {
        return server.userInfo.userInfo(Optional.of("Bearer " + accessToken));
    }

    private String serviceToken() {
        return server.token(basic(SERVICE, SECRET), "grant_type", "client_credentials").accessToken();
    }

    private static void assertInvalidToken(Runnable call) {
        OAuthException e = assertThrows(OAuthException.class, call::run);
        assertEquals(OAuthError.INVALID_TOKEN, e.error());
        assertEquals(401, e.error().status());
    }

    @Test
    void userInfoWhenScopeEmailAndProfileThenSubEmailUnverifiedRolesAndUpdatedAt() {
        Map<String, Object> claims = userInfo(server.login("read email profile").accessToken());

        assertEquals(server.userSubject, claims.get("sub"));
        assertEquals(USER, claims.get("email"));
        assertEquals(false, claims.get("email_verified"));
        assertEquals(List.of("admin"), claims.get("roles"));
        assertEquals(server.clock.instant().getEpochSecond(), claims.get("updated_at"));
    }

    @Test
    void userInfoWhenScopeReadOnlyThenTheOpaqueSubjectAlone() {
        assertEquals(Map.of("sub", server.userSubject), userInfo(server.login("read").accessToken()));
    }

    @Test
    void userInfoReleasesEachScopesClaimsOnly() {
        assertEquals(Set.of("sub", "email", "email_verified"),
                userInfo(server.login("email").accessToken()).keySet());
        assertEquals(Set.of("sub", "roles", "updated_at"),
                userInfo(server.login("profile read").accessToken()).keySet());
    }

    @Test
    void userInfoWhenRolesChangedThenCurrentRoles() {
        String token = server.login("profile").accessToken();
        server.users.setRoles(USER, Set.of("viewer"));

        assertEquals(List.of("viewer"), userInfo(token).get("roles"));
    }

    @Test
    void userInfoWhenServiceClientsTokenThenSubClientIdAndName() {
        Map<String, Object> claims = userInfo(serviceToken());

        assertEquals(Map.of("sub", SERVICE, "client_id", SERVICE, "name", "Service"), claims);
    }

    @Test
    void userInfoWhenSchemeInAnyCaseThenAccepted() {
        assertEquals(SERVICE, server.userInfo.userInfo(Optional.of("bEaReR " + serviceToken())).get("sub"));
    }

    @Test
    void userInfoWhenNoOrMalformedOrForeignTokenThenInvalidToken() {
        assertInvalidToken(() -> server.userInfo.userInfo(Optional.empty()));
        assertInvalidToken(() -> server.userInfo.userInfo(Optional.of("Bearer ")));
        assertInvalidToken(() -> server.userInfo.userInfo(Optional.of("Basic c3ZjOnNlY3JldA==")));
        assertInvalidToken(() -> userInfo("not.a.jwt"));
        String token = serviceToken();
        assertInvalidToken(() -> userInfo(token.substring(0, token.length() - 4) + "AAAA"));
    }

    @Test
    void userInfoWhenExpiredThenInvalidToken() {
        String token = serviceToken();
        server.clock.advance(Duration.ofMinutes(16));

        assertInvalidToken(() -> userInfo(token));
    }

    @Test
    void userInfoWhenRevokedThenInvalidToken() {
        String token = serviceToken();
        server.revocation.revoke(basic(SERVICE, SECRET), "application/x-www-form-urlencoded",
                ServerFixture.form("token", token));

        assertInvalidToken(() -> userInfo(token));
    }

    @Test
    void userInfoWhenUserDisabledOrClientDeletedThenInvalidToken() {
        String user = server.login().accessToken();
        String service = serviceToken();
        server.users.disable(USER);
        server.clients.softDelete(new ClientId(SERVICE));

        assertInvalidToken(() -> userInfo(user));
        assertInvalidToken(() -> userInfo(service));
    }

    @Test
    void userInfoWhenTheUsersClientWasDeletedThenInvalidTokenAsTheGateRefusesIt() {
        String user = server.login().accessToken();
        assertEquals(server.userSubject, userInfo(user).get("sub"));

        server.clients.softDelete(new ClientId(SPA));
        server.clock.advance(Duration.ofSeconds(5)); // the gate checker's cache bound

        assertInvalidToken(() -> userInfo(user));
    }
}
