package dev.tollgate.impl.server.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.authorize.AuthorizationCodeStore;
import dev.tollgate.impl.server.authorize.AuthorizationCodes;
import dev.tollgate.impl.server.authorize.AuthorizationRequest;
import dev.tollgate.impl.server.authorize.CodeReplay;
import dev.tollgate.impl.server.authorize.RevokeIssuedTokens;
import dev.tollgate.impl.server.authorize.Scopes;
import dev.tollgate.impl.server.key.KeyEncryptionKey;
import dev.tollgate.impl.server.key.KeySettings;
import dev.tollgate.impl.server.key.SigningKeyStore;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.RevokedAccessTokenStore;
import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import dev.tollgate.impl.server.token.Issuer;
import dev.tollgate.impl.server.token.TokenIssuer;
import dev.tollgate.impl.server.token.TokenSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization code grant's rules on a real database (H2 and PostgreSQL subclasses): single use, expiry,
 * binding to client, redirect URI and PKCE challenge, parallel exchange, replay revocation.
 */
abstract class AuthorizationCodeTests extends DatabaseTest {

    static final String USER = "alice@example.com";
    static final ClientId WEB = new ClientId("web");
    static final String REDIRECT = "https://app.example.com/callback";
    static final String OTHER_REDIRECT = "https://app.example.com/other";
    /** RFC 7636 Appendix B. */
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private final List<CodeReplay> replays = new CopyOnWriteArrayList<>();
    private AuthorizationCodeStore store;
    private AuthorizationCodes codes;
    private AuthorizationCodeGrant grant;
    private UserStore users;
    /** The user's opaque subject: what the login puts in the session, and the code carries. */
    private String subject;

    @BeforeEach
    void createServices() {
        replays.clear();
        store = new AuthorizationCodeStore(dataSource());
        codes = new AuthorizationCodes(store, new SecretGenerator(), Duration.ofSeconds(60), clock);
        users = new UserStore(dataSource(), new PasswordHasher(1000), clock);
        subject = users.create(USER, "correct horse battery".toCharArray(), Set.of("admin", "user")).orElseThrow()
                .subject();
        RefreshTokenStore refreshTokens = new RefreshTokenStore(dataSource(), new SecretGenerator(), clock);
        CodeReplay.Handler revoke = new RevokeIssuedTokens(refreshTokens,
                new RevokedAccessTokenStore(dataSource(), clock));
        GrantTokenIssuer tokens = new GrantTokenIssuer(new TokenIssuer(new SigningKeyStore(dataSource(),
                KeySettings.defaults(), KeyEncryptionKey.generate(new SecureRandom()), clock), clock),
                refreshTokens, TokenSettings.defaults(new Issuer("https://as.example.com")));
        grant = new AuthorizationCodeGrant(store, users, replay -> {
            replays.add(replay);
            revoke.codeReplayed(replay);
        }, tokens, clock);
        new ClientStore(dataSource(), clock).upsert(ClientDefinition.builder(WEB).name("Web")
                .grantTypes(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN).redirectUris(List.of(REDIRECT))
                .scopes(List.of("openid", "profile")).build());
    }

    private AuthorizationRequest request(boolean redirectUriSent) {
        return new AuthorizationRequest(WEB, REDIRECT, redirectUriSent, Scopes.parse("openid profile").orElseThrow(),
                Optional.of("xyz"), CHALLENGE, Optional.of("nonce-1"));
    }

    private String issue() {
        return codes.issue(request(true), subject, clock.instant().minusSeconds(5));
    }

    @Test
    void exchangeWhenEverythingMatchesThenGrantsSubjectScopeRolesNonceAndAuthTime() {
        String code = issue();
        AuthorizationCodeGrant.RedeemedCode result = grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER);
        assertEquals(WEB, result.clientId());
        assertEquals(subject, result.subject());
        assertEquals("openid profile", result.scope().value());
        assertEquals(Set.of("admin", "user"), result.roles());
        assertEquals(Optional.of("nonce-1"), result.nonce());
        assertEquals(clock.instant().minusSeconds(5), result.authTime());
        assertEquals(64 - 21, result.familyId().length()); // 256-bit base64url
    }

    @Test
    void exchangeWhenCodeNamesTheUserByEmailThenTheTokensCarryTheOpaqueSubject() {
        // A code stored before the subject became the user's id (or from a session of before the upgrade).
        String code = codes.issue(request(true), USER, clock.instant());
        assertEquals(subject, grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER).subject());
    }

    @Test
    void exchangeWhenCodeUsedTwiceThenInvalidGrantAndReplayHandledOnce() {
        String code = issue();
        AuthorizationCodeGrant.RedeemedCode first = grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER);
        assertGrantsTheUsersScope(first);
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER));
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER));
        assertEquals(1, replays.size());
        assertEquals(first.familyId(), replays.get(0).familyId());
        assertEquals(subject, replays.get(0).subject());
    }

    @Test
    void exchangeWhenCodeReplayedThenRefreshFamilyAndRecordedAccessTokenAreRevoked() throws SQLException {
        String code = issue();
        AuthorizationCodeGrant.RedeemedCode result = grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER);
        insertRefreshToken("rt-of-code", result.familyId());
        insertRefreshToken("rt-other", "another-family");
        assertTrue(grant.recordAccessToken(result.familyId(), "jti-1", clock.instant().plusSeconds(300)));

        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER));

        assertTrue(refreshRevoked("rt-of-code"));
        assertFalse(refreshRevoked("rt-other"));
        assertTrue(denyListed("jti-1"));
    }

    @Test
    void exchangeWhenUsedCodeComesWithAWrongVerifierOrFromAnotherClientThenInvalidGrantAndNothingRevoked()
            throws SQLException {
        String code = issue();
        AuthorizationCodeGrant.RedeemedCode result = grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER);
        insertRefreshToken("rt-of-code", result.familyId());
        assertTrue(grant.recordAccessToken(result.familyId(), "jti-1", clock.instant().plusSeconds(300)));

        // A public client's client_id is no secret: without the verifier, the presenter is not the code's client.
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), "A".repeat(43)));
        assertInvalidGrant(() -> grant.redeem(new ClientId("other"), code, Optional.of(REDIRECT), VERIFIER));

        assertTrue(replays.isEmpty());
        assertFalse(refreshRevoked("rt-of-code"));
        assertFalse(denyListed("jti-1"));
        // The code's own client, proven, still triggers the revocation.
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER));
        assertTrue(refreshRevoked("rt-of-code"));
        assertTrue(denyListed("jti-1"));
    }

    @Test
    void recordAccessTokenWhenCodeWasReplayedMeanwhileThenRevokesAndSaysSo() throws SQLException {
        String code = issue();
        AuthorizationCodeGrant.RedeemedCode result = grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER);
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER));

        assertFalse(grant.recordAccessToken(result.familyId(), "jti-late", clock.instant().plusSeconds(300)));
        assertTrue(denyListed("jti-late"));
    }

    @Test
    void exchangeWhenExpiredThenInvalidGrant() {
        String code = issue();
        clock.advance(Duration.ofSeconds(60));
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER));
    }

    @Test
    void exchangeWhenJustBeforeExpiryThenSucceeds() {
        String code = issue();
        clock.advance(Duration.ofSeconds(59));
        assertGrantsTheUsersScope(grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER));
    }

    @Test
    void exchangeWhenAnotherClientThenInvalidGrantAndCodeStillUsableByItsClient() {
        String code = issue();
        assertInvalidGrant(() -> grant.redeem(new ClientId("other"), code, Optional.of(REDIRECT), VERIFIER));
        assertGrantsTheUsersScope(grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER));
        assertTrue(replays.isEmpty());
    }

    @Test
    void exchangeWhenRedirectUriDiffersThenInvalidGrant() {
        String code = issue();
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(OTHER_REDIRECT), VERIFIER));
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT + "/"), VERIFIER));
    }

    @Test
    void exchangeWhenRedirectUriWasSentButNotRepeatedThenInvalidGrant() {
        String code = issue();
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.empty(), VERIFIER));
    }

    @Test
    void exchangeWhenRedirectUriWasNotSentThenItMayBeOmitted() {
        String code = codes.issue(request(false), USER, clock.instant());
        assertGrantsTheUsersScope(grant.redeem(WEB, code, Optional.empty(), VERIFIER));
    }

    @Test
    void exchangeWhenRedirectUriWasNotSentButIsSentWrongThenInvalidGrant() {
        String code = codes.issue(request(false), USER, clock.instant());
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(OTHER_REDIRECT), VERIFIER));
    }

    @Test
    void exchangeWhenVerifierDoesNotMatchThenInvalidGrant() {
        String code = issue();
        String wrong = "A".repeat(43);
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), wrong));
        // the challenge itself is not a verifier (that would be "plain")
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), CHALLENGE));
    }

    @Test
    void exchangeWhenVerifierMalformedThenInvalidGrant() {
        String code = issue();
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), "too-short"));
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), "a".repeat(129)));
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER + "+"));
    }

    @Test
    void exchangeWhenVerifierOrCodeMissingThenInvalidRequest() {
        String code = issue();
        assertEquals(OAuthError.INVALID_REQUEST, assertThrows(OAuthException.class,
                () -> grant.redeem(WEB, code, Optional.of(REDIRECT), null)).error());
        assertEquals(OAuthError.INVALID_REQUEST, assertThrows(OAuthException.class,
                () -> grant.redeem(WEB, "", Optional.of(REDIRECT), VERIFIER)).error());
    }

    @Test
    void exchangeWhenCodeUnknownThenInvalidGrant() {
        assertInvalidGrant(() -> grant.redeem(WEB, new SecretGenerator().token(), Optional.of(REDIRECT),
                VERIFIER));
        assertTrue(replays.isEmpty());
    }

    @Test
    void exchangeWhenUserDisabledSinceThenInvalidGrant() {
        String code = issue();
        users.disable(USER);
        assertInvalidGrant(() -> grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER));
    }

    @Test
    void exchangeWhenTwoRunInParallelThenExactlyOneSucceeds() throws Exception {
        for (int round = 0; round < 5; round++) {
            String code = issue();
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Callable<Boolean> attempt = () -> {
                        start.await();
                        try {
                            assertGrantsTheUsersScope(grant.redeem(WEB, code, Optional.of(REDIRECT), VERIFIER));
                            return true;
                        } catch (OAuthException e) {
                            assertEquals(OAuthError.INVALID_GRANT, e.error());
                            return false;
                        }
                    };
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                int successes = 0;
                for (Future<Boolean> result : results) {
                    successes += result.get() ? 1 : 0;
                }
                assertEquals(1, successes, "round " + round);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The code's subject and scope, as the authorization request and the login gave them. */
    private void assertGrantsTheUsersScope(AuthorizationCodeGrant.RedeemedCode redeemed) {
        assertEquals(WEB, redeemed.clientId());
        assertEquals(subject, redeemed.subject());
        assertEquals("openid profile", redeemed.scope().value());
    }

    private static void assertInvalidGrant(org.junit.jupiter.api.function.Executable call) {
        assertEquals(OAuthError.INVALID_GRANT, assertThrows(OAuthException.class, call).error());
    }

    private void insertRefreshToken(String token, String familyId) throws SQLException {
        String sql = "INSERT INTO refresh_tokens (token_hash, family_id, client_id, subject, scope, issued_at,"
                + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, SecretHash.of(token).hex());
            insert.setString(2, familyId);
            insert.setString(3, WEB.value());
            insert.setString(4, USER);
            insert.setString(5, "openid");
            Sql.setInstant(insert, 6, clock.instant());
            Sql.setInstant(insert, 7, clock.instant().plus(Duration.ofDays(1)));
            insert.executeUpdate();
        }
    }

    private boolean refreshRevoked(String token) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT revoked_at FROM refresh_tokens WHERE token_hash = ?")) {
            select.setString(1, SecretHash.of(token).hex());
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next());
                return Sql.getInstant(rows, "revoked_at") != null;
            }
        }
    }

    private boolean denyListed(String jti) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT expires_at FROM revoked_access_tokens WHERE jti = ?")) {
            select.setString(1, jti);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && Instant.class.isInstance(Sql.getInstant(rows, "expires_at"));
            }
        }
    }
}
