package dev.tollgate.war.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.server.key.KeyEncryptionKeys;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import dev.tollgate.impl.server.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The composition root wired as the WAR runs it, without a container: the endpoints and the gate's beans share one
 * instance of each store, so what one changes the other sees at once. The clock stands still, so no cache expires
 * during a test: only the wiring can make a change visible.
 */
class AuthorizationServerOnH2Test extends DatabaseTest {

    private static final String ISSUER = "https://as.example.com";
    private static final String SECRET = "reporting-secret-0123456789";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Optional<String> BASIC = Optional.of("Basic " + Base64.getEncoder().encodeToString(
            ("reporting:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    private static final Caller ADMIN = Caller.of("admin@example.com", null, Set.of(), Set.of("admin"),
            CredentialKind.PLAIN_HEADERS, null);

    private AuthorizationServer server;

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }

    @BeforeEach
    void start() {
        Map<String, String> keys = Map.of(
                KeyEncryptionKeys.KEY, Base64.getEncoder().encodeToString(new byte[32]),
                "tollgate.server.issuer", ISSUER,
                "tollgate.clients.reporting.secret", SECRET,
                "tollgate.clients.reporting.grants", "client_credentials",
                "tollgate.clients.reporting.scopes", "reports:read");
        ConfigSource config = ConfigSource.of(keys);
        server = new AuthorizationServer(dataSource(), ServerSettings.from(config, keys.keySet()),
                MutableClock.startingAt("2030-01-01T00:00:00Z"));
        ServerStartup.run(server, config);
    }

    @Test
    void revokedAccessTokenIsRefusedByTheGatesCheckerAtOnce() throws Exception {
        String token = server.token().token(ISSUER, BASIC, FORM, "grant_type=client_credentials").accessToken();
        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        Caller client = Caller.of("reporting", "reporting", Set.of("reports:read"), Set.of(), CredentialKind.JWT,
                null);
        assertFalse(server.revocationChecker().isRevoked(jti, client));

        server.revocation().revoke(BASIC, FORM, "token=" + token);

        assertTrue(server.revocationChecker().isRevoked(jti, client));
    }

    @Test
    void disabledUserIsRefusedByTheGatesCheckerAtOnce() {
        User user = server.userAdministration().create("erin@example.com", "erin-password-123", List.of("user"));
        Caller erin = Caller.of(user.loginName(), null, Set.of(), Set.of("user"), CredentialKind.PLAIN_HEADERS, null);
        assertFalse(server.revocationChecker().isRevoked(null, erin));

        server.userAdministration().disable(user.id().value().toString(), ADMIN);

        assertTrue(server.revocationChecker().isRevoked(null, erin));
    }

    @Test
    void localIssuerIsTheConfiguredIssuerWithThePublishedSigningKeys() throws Exception {
        assertEquals(ISSUER, server.localIssuer().issuer());
        String kid = server.signingKeys().signingKey().getKeyID();
        assertEquals(1, server.localIssuer().publicKeys().get(new JWKSelector(new JWKMatcher.Builder().keyID(kid)
                .build()), null).size());
    }
}
