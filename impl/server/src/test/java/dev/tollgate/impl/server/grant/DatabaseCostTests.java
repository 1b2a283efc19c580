package dev.tollgate.impl.server.grant;

import static dev.tollgate.impl.server.grant.ServerFixture.APP;
import static dev.tollgate.impl.server.grant.ServerFixture.ISSUER;
import static dev.tollgate.impl.server.grant.ServerFixture.PASSWORD;
import static dev.tollgate.impl.server.grant.ServerFixture.REDIRECT_URI;
import static dev.tollgate.impl.server.grant.ServerFixture.SECRET;
import static dev.tollgate.impl.server.grant.ServerFixture.SERVICE;
import static dev.tollgate.impl.server.grant.ServerFixture.SPA;
import static dev.tollgate.impl.server.grant.ServerFixture.USER;
import static dev.tollgate.impl.server.grant.ServerFixture.basic;
import static dev.tollgate.impl.server.grant.ServerFixture.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.authorize.AuthorizationRequest;
import dev.tollgate.impl.server.authorize.Scopes;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.DatabaseWork;
import dev.tollgate.impl.server.testing.DatabaseWork.Cost;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each hot operation costs the database, counted through the DataSource, on the services wired as the war
 * wires them (the active-client cache on). The bounds are the design (docs/PERFORMANCE.md, "Database work per
 * operation"): a change that adds a round trip to a hot path fails here, on H2 and PostgreSQL alike. Each test also
 * prints its count (the figures of that section).
 */
abstract class DatabaseCostTests extends DatabaseTest {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private final DatabaseWork work = new DatabaseWork();
    private ServerFixture server;

    @BeforeEach
    void wiredAsTheWar() {
        server = new ServerFixture(work.wrap(dataSource()), true);
    }

    @Test
    void clientCredentialsWhenClientCachedThenNoDatabaseWork() {
        clientCredentials();

        Cost cost = work.of(this::clientCredentials);

        report("client_credentials token", cost);
        assertEquals(0, cost.connections(), cost.toString());
    }

    @Test
    void clientCredentialsWithDpopProofThenOneInsertOfItsJti() {
        clientCredentials();
        String proof = dev.tollgate.impl.testing.TestProofs.proof(dev.tollgate.impl.testing.TestProofs.EC,
                server.clock.instant()).method("POST").uri(ServerFixture.TOKEN_ENDPOINT.toString()).sign();

        Cost cost = work.of(() -> server.tokenWithProofs(basic(SERVICE, SECRET), List.of(proof), "grant_type",
                "client_credentials"));

        report("client_credentials token with a DPoP proof", cost);
        assertEquals(1, cost.connections(), cost.toString());
        assertEquals(0, cost.reads(), cost.toString());
        assertEquals(1, cost.writes(), "the proof's jti into used_jtis: " + cost);
    }

    @Test
    void refreshThenOneConnectionOneTransaction() {
        String refreshToken = server.login().refreshToken().orElseThrow();
        AtomicReference<TokenResponse> refreshed = new AtomicReference<>();

        Cost cost = work.of(() -> refreshed.set(server.refresh(refreshToken)));

        report("refresh (public client)", cost);
        assertTrue(refreshed.get().refreshToken().isPresent());
        assertEquals(1, cost.connections(), cost.toString());
        assertEquals(2, cost.reads(), "the presented token, locked, and its user: " + cost);
        assertEquals(2, cost.writes(), "the presented token used, its successor inserted: " + cost);
        assertEquals(1, cost.commits(), cost.toString());
    }

    @Test
    void refreshOfConfidentialClientWhenClientCachedThenOneConnection() {
        String refreshToken = server.token(basic(APP, SECRET), "grant_type", "password", "username", USER,
                "password", PASSWORD).refreshToken().orElseThrow();

        Cost cost = work.of(() -> server.token(basic(APP, SECRET), "grant_type", "refresh_token", "refresh_token",
                refreshToken));

        report("refresh (confidential client)", cost);
        assertEquals(1, cost.connections(), cost.toString());
        assertEquals(4, cost.statements().size(), cost.toString());
    }

    @Test
    void authorizationCodeThenOneWriteToIssueAndAtMostThreeToRedeem() {
        AtomicReference<String> code = new AtomicReference<>();
        Cost issue = work.of(() -> code.set(server.codes.issue(new AuthorizationRequest(new ClientId(SPA),
                REDIRECT_URI, true, Scopes.of(List.of("read")), Optional.empty(), challenge(), Optional.empty()),
                server.userSubject, server.clock.instant())));
        server.clients.findActive(new ClientId(SPA)); // the client, cached as the authorize page leaves it

        Cost redeem = work.of(() -> server.token(Optional.empty(), "grant_type", "authorization_code", "client_id",
                SPA, "code", code.get(), "redirect_uri", REDIRECT_URI, "code_verifier", VERIFIER));

        report("authorization code: issue", issue);
        report("authorization code: redeem", redeem);
        assertEquals(1, issue.writes(), issue.toString());
        // Not a hot path (a login each): left at one connection per statement, and counted here.
        assertTrue(redeem.connections() <= 6, redeem.toString());
        assertTrue(redeem.writes() <= 3, "the code consumed, its access token noted, the refresh token: " + redeem);
    }

    @Test
    void introspectionOfAccessTokenThenOnlyTheDenyListRead() {
        String accessToken = clientCredentials();
        introspect(accessToken);

        Cost cost = work.of(() -> assertTrue(introspect(accessToken).contains("\"active\":true")));

        report("introspection (access token)", cost);
        assertEquals(1, cost.connections(), "the deny-list, read afresh: " + cost);
        assertEquals(1, cost.statements().size(), cost.toString());
        assertEquals(0, cost.writes(), cost.toString());
    }

    @Test
    void introspectionOfRefreshTokenThenOneRead() {
        String refreshToken = server.token(basic(APP, SECRET), "grant_type", "password", "username", USER,
                "password", PASSWORD).refreshToken().orElseThrow();
        introspect(basic(APP, SECRET), refreshToken);

        Cost cost = work.of(() -> assertTrue(introspect(basic(APP, SECRET), refreshToken)
                .contains("\"active\":true")));

        report("introspection (refresh token)", cost);
        assertEquals(1, cost.connections(), cost.toString());
        assertEquals(0, cost.writes(), cost.toString());
    }

    @Test
    void gatedRequestWhenTokenCachedThenNoDatabaseWork() {
        Caller caller = server.verifier.verify(clientCredentials()).orElseThrow().caller().orElseThrow();
        String jti = server.verifier.verify(clientCredentials()).orElseThrow().jti();
        assertFalse(server.gateChecker.isRevoked(jti, caller));

        Cost cost = work.of(() -> assertFalse(server.gateChecker.isRevoked(jti, caller)));

        report("gated request, cached token", cost);
        assertEquals(0, cost.connections(), cost.toString());
    }

    @Test
    void revocationOfRefreshTokenThenCounted() {
        String refreshToken = server.token(basic(APP, SECRET), "grant_type", "password", "username", USER,
                "password", PASSWORD).refreshToken().orElseThrow();

        Cost cost = work.of(() -> server.revocation.revoke(basic(APP, SECRET), "application/x-www-form-urlencoded",
                form("token", refreshToken)));

        report("revocation (refresh token, family of 1)", cost);
        assertTrue(cost.writes() >= 1, cost.toString());
    }

    private String clientCredentials() {
        return server.token(basic(SERVICE, SECRET), "grant_type", "client_credentials").accessToken();
    }

    private String introspect(String token) {
        return introspect(basic(SERVICE, SECRET), token);
    }

    private String introspect(Optional<String> authorization, String token) {
        return server.introspection.introspect(ISSUER, authorization, "application/x-www-form-urlencoded",
                form("token", token));
    }

    private static String challenge() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void report(String operation, Cost cost) {
        System.out.println("DB-COST " + engine() + " | " + operation + " | " + cost);
    }
}
