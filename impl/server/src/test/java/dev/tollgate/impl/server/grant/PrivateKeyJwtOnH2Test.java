package dev.tollgate.impl.server.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.assertion.ClientAssertionVerifier;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * private_key_jwt (RFC 7523 §2.2) at the token, revocation and introspection endpoints' services, on H2 with the
 * real migrations and the cluster-wide replay ledger (used_jtis).
 */
class PrivateKeyJwtOnH2Test extends ServerOnH2Test {

    private static final String TYPE = ClientAssertionVerifier.JWT_BEARER;

    private TokenResponse clientCredentials(String assertion, String... more) {
        String[] pairs = new String[6 + more.length];
        System.arraycopy(new String[]{"grant_type", "client_credentials", "client_assertion_type", TYPE,
                "client_assertion", assertion}, 0, pairs, 0, 6);
        System.arraycopy(more, 0, pairs, 6, more.length);
        return server.token(Optional.empty(), pairs);
    }

    private static OAuthException assertOAuthError(OAuthError expected, Executable call) {
        OAuthException e = assertThrows(OAuthException.class, call);
        assertEquals(expected, e.error());
        return e;
    }

    @Test
    void tokenWhenValidAssertionThenIssuedToTheClient() {
        TokenResponse response = clientCredentials(server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-1"),
                "scope", "read");
        assertEquals(ServerFixture.KEY_CLIENT, server.verifier.verify(response.accessToken()).orElseThrow()
                .claims().getClaim("client_id"));
    }

    @Test
    void tokenWhenClientIdSentAndMatchesThenIssued() {
        clientCredentials(server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-2"), "client_id",
                ServerFixture.KEY_CLIENT);
    }

    @Test
    void tokenWhenAssertionReplayedThenInvalidClientWithBasicChallenge() {
        String assertion = server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-3");
        clientCredentials(assertion);
        OAuthException replay = assertOAuthError(OAuthError.INVALID_CLIENT, () -> clientCredentials(assertion));
        assertTrue(replay.basicChallenge());
        assertEquals("client authentication failed", replay.getMessage());
    }

    @Test
    void tokenWhenSignedByAnotherKeyThenInvalidClient() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("key-1").generate();
        assertOAuthError(OAuthError.INVALID_CLIENT, () -> clientCredentials(server.assertion(stranger, "jti-4")));
    }

    @Test
    void tokenWhenExpiredThenInvalidClient() {
        String assertion = server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-5");
        server.clock.advance(Duration.ofMinutes(2));
        assertOAuthError(OAuthError.INVALID_CLIENT, () -> clientCredentials(assertion));
    }

    @Test
    void tokenWhenClientIdIsAnotherClientThenInvalidClient() {
        assertOAuthError(OAuthError.INVALID_CLIENT, () -> clientCredentials(
                server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-6"), "client_id", ServerFixture.SERVICE));
    }

    @Test
    void tokenWhenSecretAndAssertionThenInvalidRequest() {
        assertOAuthError(OAuthError.INVALID_REQUEST, () -> server.token(
                ServerFixture.basic(ServerFixture.SERVICE, ServerFixture.SECRET), "grant_type", "client_credentials",
                "client_assertion_type", TYPE, "client_assertion",
                server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-7")));
        assertOAuthError(OAuthError.INVALID_REQUEST, () -> clientCredentials(
                server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-8"), "client_secret", "x"));
    }

    @Test
    void tokenWhenAssertionTypeMissingOrWrongThenInvalidRequest() {
        String assertion = server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-9");
        assertOAuthError(OAuthError.INVALID_REQUEST, () -> server.token(Optional.empty(), "grant_type",
                "client_credentials", "client_assertion", assertion));
        assertOAuthError(OAuthError.INVALID_REQUEST, () -> server.token(Optional.empty(), "grant_type",
                "client_credentials", "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer",
                "client_assertion", assertion));
    }

    @Test
    void tokenWhenKeyClientSendsOnlyClientIdThenInvalidClient() {
        assertOAuthError(OAuthError.INVALID_CLIENT, () -> server.token(Optional.empty(), "grant_type",
                "client_credentials", "client_id", ServerFixture.KEY_CLIENT));
    }

    @Test
    void tokenWhenSecretClientSendsAssertionThenInvalidClient() {
        assertOAuthError(OAuthError.INVALID_CLIENT, () -> clientCredentials(
                server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-10"), "client_id", ServerFixture.SERVICE));
    }

    @Test
    void introspectAndRevokeWhenAssertionThenAuthenticated() {
        TokenResponse response = clientCredentials(server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-11"));
        String introspection = server.introspection.introspect(ServerFixture.ISSUER, Optional.empty(),
                "application/x-www-form-urlencoded", ServerFixture.form("token", response.accessToken(),
                        "client_assertion_type", TYPE, "client_assertion",
                        server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-12")));
        assertTrue(introspection.contains("\"active\":true"), introspection);
        server.revocation.revoke(Optional.empty(), "application/x-www-form-urlencoded", ServerFixture.form("token",
                response.accessToken(), "client_assertion_type", TYPE, "client_assertion",
                server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-13")));
        assertOAuthError(OAuthError.INVALID_CLIENT, () -> server.revocation.revoke(Optional.empty(),
                "application/x-www-form-urlencoded", ServerFixture.form("token", response.accessToken(),
                        "client_assertion_type", TYPE, "client_assertion",
                        server.assertion(ServerFixture.KEY_CLIENT_KEY, "jti-13"))));
    }
}
