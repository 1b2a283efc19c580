package dev.tollgate.impl.server.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.protocol.ClientAuthentication;
import dev.tollgate.impl.server.protocol.ClientAuthenticator;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.TestDatabase;
import java.time.Clock;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A declared client's secret check with every PBKDF2 permit taken (a flood of wrong secrets): the token,
 * introspection and revocation endpoints' authenticator answers {@code temporarily_unavailable} with
 * {@code Retry-After}, never {@code invalid_client}, which would tell a client with the right secret that it is wrong.
 */
class BusySecretCheckOnH2Test extends DatabaseTest {

    private static final PasswordHasher HASHER = new PasswordHasher(1000);
    private static final ClientId DECLARED = new ClientId("declared-service");
    private static final String SECRET = "operator-chosen-secret";

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }

    @Test
    void authenticateWhenEveryPermitIsTakenThenTemporarilyUnavailableWithRetryAfter() throws Exception {
        ClientSecretVerifier verifier = new ClientSecretVerifier(HASHER, 1, 50);
        ClientStore clients = new ClientStore(dataSource(), Clock.systemUTC(), verifier);
        clients.upsert(ClientDefinition.builder(DECLARED).name("Declared service")
                .secretHash(SaltedSecretHash.of(SecretHash.of(SECRET), HASHER))
                .grantTypes(GrantType.CLIENT_CREDENTIALS).declared(true).build());
        ClientAuthenticator authenticator = new ClientAuthenticator(clients);

        verifier.kdfPermits().acquire();
        try {
            OAuthException busy = assertThrows(OAuthException.class, () -> authenticator.authenticate(
                    new ClientAuthentication.Basic(DECLARED, SECRET), false));
            assertEquals(OAuthError.TEMPORARILY_UNAVAILABLE, busy.error());
            assertEquals(503, busy.error().status());
            assertEquals(OptionalLong.of(1), busy.retryAfterSeconds());
        } finally {
            verifier.kdfPermits().release();
        }
        assertEquals(DECLARED, authenticator.authenticate(new ClientAuthentication.Basic(DECLARED, SECRET), false)
                .id());
    }
}
