package dev.tollgate.impl.server.grant;

import static dev.tollgate.impl.server.grant.ServerFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.dpop.DpopSettings;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.testing.TestProofs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * DPoP at the token endpoint (RFC 9449 §5): every proof rule with its exact error, the binding of the issued tokens
 * ({@code token_type: DPoP}, {@code cnf.jkt}), the refresh token's binding, nonces and the per-client requirement.
 * The rules are the gate's ({@code DpopProofRules}); what is checked here is that the server applies them with the
 * token endpoint's method and URL, the cluster's replay table and its own nonces.
 */
class DpopTokenEndpointOnH2Test extends ServerOnH2Test {

    private static final ECKey KEY = TestProofs.EC;
    private static final ECKey OTHER_KEY = generate();

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A good token-endpoint proof, as of the fixture's clock. */
    private TestProofs.Builder proof(ECKey key) {
        return TestProofs.proof(key, server.clock.instant()).method("POST").uri(TOKEN_ENDPOINT.toString());
    }

    private TokenResponse clientCredentials(String... proofs) {
        return server.tokenWithProofs(basic(SERVICE, SECRET), List.of(proofs), "grant_type", "client_credentials");
    }

    private static OAuthException assertRefused(OAuthError error, ProblemType problem, Executable call) {
        OAuthException e = assertThrows(OAuthException.class, call);
        assertEquals(error, e.error());
        assertEquals(400, e.error().status());
        assertEquals(problem.title(), e.description(), "the rule that refused the proof");
        return e;
    }

    private static OAuthException assertInvalidProof(ProblemType problem, Executable call) {
        return assertRefused(OAuthError.INVALID_DPOP_PROOF, problem, call);
    }

    private Map<String, Object> claims(TokenResponse response) throws Exception {
        return SignedJWT.parse(response.accessToken()).getJWTClaimsSet().getClaims();
    }

    // --- issuing ---

    @Test
    void clientCredentialsWithProofThenDpopTokenBoundToTheProofKey() throws Exception {
        TokenResponse response = clientCredentials(proof(KEY).sign());

        assertEquals("DPoP", response.tokenType());
        assertEquals(Map.of("jkt", TestProofs.thumbprint(KEY)), claims(response).get("cnf"));
    }

    @Test
    void clientCredentialsWithoutProofThenBearerWithoutCnf() throws Exception {
        TokenResponse response = clientCredentials();

        assertEquals("Bearer", response.tokenType());
        assertNull(claims(response).get("cnf"));
    }

    @Test
    void passwordGrantWithProofThenDpopToken() throws Exception {
        TokenResponse response = server.tokenWithProofs(Optional.empty(), List.of(proof(KEY).sign()), "grant_type",
                "password", "client_id", SPA, "username", USER, "password", PASSWORD, "scope", "read");

        assertEquals("DPoP", response.tokenType());
        assertEquals(TestProofs.thumbprint(KEY), ((Map<?, ?>) claims(response).get("cnf")).get("jkt"));
    }

    // --- each rule of RFC 9449 §4.3, with its exact error ---

    @Test
    void proofForAnotherMethodThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_METHOD, () -> clientCredentials(proof(KEY).method("GET").sign()));
    }

    @Test
    void proofForAnotherSchemeThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_URI,
                () -> clientCredentials(proof(KEY).uri("http://as.example.com/oauth2/token").sign()));
    }

    @Test
    void proofForAnotherHostThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_URI,
                () -> clientCredentials(proof(KEY).uri("https://evil.example.com/oauth2/token").sign()));
    }

    @Test
    void proofForAnotherPortThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_URI,
                () -> clientCredentials(proof(KEY).uri("https://as.example.com:8443/oauth2/token").sign()));
    }

    @Test
    void proofForAnotherPathThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_URI,
                () -> clientCredentials(proof(KEY).uri("https://as.example.com/oauth2/introspect").sign()));
    }

    @Test
    void proofWithQueryAndFragmentThenAccepted() {
        TokenResponse response = clientCredentials(proof(KEY)
                .uri("https://AS.example.com:443/oauth2/token?x=1#frag").sign());

        assertEquals("DPoP", response.tokenType());
    }

    @Test
    void staleProofThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_STALE, () -> clientCredentials(proof(KEY)
                .issuedAt(server.clock.instant().minus(Duration.ofMinutes(2))).sign()));
    }

    @Test
    void proofFromTheFutureThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_FUTURE, () -> clientCredentials(proof(KEY)
                .issuedAt(server.clock.instant().plus(Duration.ofMinutes(1))).sign()));
    }

    @Test
    void proofWithinTheClockSkewThenAccepted() {
        TokenResponse response = clientCredentials(proof(KEY)
                .issuedAt(server.clock.instant().plus(Duration.ofSeconds(4))).sign());

        assertEquals("DPoP", response.tokenType());
    }

    @Test
    void replayedProofThenInvalidDpopProof() {
        String proof = proof(KEY).sign();
        clientCredentials(proof);

        assertInvalidProof(ProblemType.DPOP_PROOF_REPLAYED, () -> clientCredentials(proof));
    }

    @Test
    void replayedProofOnAnotherNodeThenInvalidDpopProof() {
        String proof = proof(KEY).sign();
        clientCredentials(proof);
        ServerFixture otherNode = new ServerFixture(dataSource());

        assertInvalidProof(ProblemType.DPOP_PROOF_REPLAYED, () -> otherNode.tokenWithProofs(basic(SERVICE, SECRET),
                List.of(proof), "grant_type", "client_credentials"));
    }

    @Test
    void sameJtiWithAnotherKeyThenAccepted() {
        clientCredentials(proof(KEY).jwtId("same").sign());

        assertEquals("DPoP", clientCredentials(proof(OTHER_KEY).jwtId("same").sign()).tokenType());
    }

    @Test
    void privateKeyInTheProofThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_KEY,
                () -> clientCredentials(proof(KEY).header("jwk", KEY.toJSONObject()).sign()));
    }

    @Test
    void algNoneThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_ALGORITHM,
                () -> clientCredentials(proof(KEY).algorithm(new JWSAlgorithm("none")).sign()));
    }

    @Test
    void hmacProofThenInvalidDpopProof() throws Exception {
        MACSigner hmac = new MACSigner(new byte[32]);

        assertInvalidProof(ProblemType.DPOP_PROOF_ALGORITHM,
                () -> clientCredentials(proof(KEY).algorithm(JWSAlgorithm.HS256).signer(hmac).sign()));
    }

    @Test
    void wrongTypeThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_TYPE, () -> clientCredentials(proof(KEY).type("JWT").sign()));
    }

    @Test
    void badSignatureThenInvalidDpopProof() {
        String proof = proof(KEY).sign();
        String tampered = proof.substring(0, proof.lastIndexOf('.') + 1) + proof(OTHER_KEY).sign()
                .substring(proof(OTHER_KEY).sign().lastIndexOf('.') + 1);

        assertInvalidProof(ProblemType.DPOP_PROOF_SIGNATURE, () -> clientCredentials(tampered));
    }

    @Test
    void proofWithoutJtiThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_MALFORMED, () -> clientCredentials(proof(KEY).without("jti")
                .sign()));
    }

    @Test
    void garbageProofThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_MALFORMED, () -> clientCredentials("not-a-jwt"));
    }

    @Test
    void twoProofsThenInvalidDpopProof() {
        assertInvalidProof(ProblemType.DPOP_PROOF_MULTIPLE,
                () -> clientCredentials(proof(KEY).sign(), proof(KEY).sign()));
    }

    @Test
    void refusedProofIsNotRecordedAsUsed() {
        TestProofs.Builder good = proof(KEY).jwtId("once");
        assertInvalidProof(ProblemType.DPOP_PROOF_METHOD,
                () -> clientCredentials(proof(KEY).jwtId("once").method("GET").sign()));

        assertEquals("DPoP", clientCredentials(good.sign()).tokenType());
    }

    // --- nonces (RFC 9449 §8) ---

    private ServerFixture withNonces() {
        DpopSettings defaults = DpopSettings.defaults();
        return new ServerFixture(dataSource(), false, new DpopSettings(defaults.algorithms(),
                defaults.proofLifetime(), defaults.clockSkew(), true, Duration.ofSeconds(60), false));
    }

    @Test
    void proofWithoutNonceWhenRequiredThenUseDpopNonceWithTheNonce() {
        ServerFixture nonces = withNonces();

        OAuthException e = assertRefused(OAuthError.USE_DPOP_NONCE, ProblemType.DPOP_NONCE,
                () -> nonces.tokenWithProofs(basic(SERVICE, SECRET), List.of(proof(KEY).sign()), "grant_type",
                        "client_credentials"));
        assertEquals(nonces.dpop.currentNonce(), e.dpopNonce());
    }

    @Test
    void proofWithWrongNonceThenUseDpopNonce() {
        ServerFixture nonces = withNonces();

        assertRefused(OAuthError.USE_DPOP_NONCE, ProblemType.DPOP_NONCE,
                () -> nonces.tokenWithProofs(basic(SERVICE, SECRET), List.of(proof(KEY).claim("nonce",
                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").sign()), "grant_type",
                        "client_credentials"));
    }

    @Test
    void proofWithTheNonceThenAcceptedAndANonceOfOneNodeServesAnother() {
        ServerFixture node1 = withNonces();
        ServerFixture node2 = withNonces();
        String nonce = node1.dpop.currentNonce().orElseThrow();

        TokenResponse response = node2.tokenWithProofs(basic(SERVICE, SECRET), List.of(proof(KEY)
                .claim("nonce", nonce).sign()), "grant_type", "client_credentials");

        assertEquals("DPoP", response.tokenType());
    }

    @Test
    void nonceOfAnExpiredSlotThenUseDpopNonce() {
        ServerFixture nonces = withNonces();
        String nonce = nonces.dpop.currentNonce().orElseThrow();
        nonces.clock.advance(Duration.ofMinutes(3));

        assertRefused(OAuthError.USE_DPOP_NONCE, ProblemType.DPOP_NONCE, () -> nonces.tokenWithProofs(
                basic(SERVICE, SECRET), List.of(TestProofs.proof(KEY, nonces.clock.instant()).method("POST")
                        .uri(TOKEN_ENDPOINT.toString()).claim("nonce", nonce).sign()), "grant_type",
                "client_credentials"));
    }

    // --- refresh tokens (RFC 9449 §5) ---

    private TokenResponse spaLogin(String proof) {
        return server.tokenWithProofs(Optional.empty(), List.of(proof), "grant_type", "password", "client_id", SPA,
                "username", USER, "password", PASSWORD, "scope", "read");
    }

    private TokenResponse spaRefresh(String refreshToken, String... proofs) {
        return server.tokenWithProofs(Optional.empty(), List.of(proofs), "grant_type", "refresh_token", "client_id",
                SPA, "refresh_token", refreshToken);
    }

    @Test
    void publicClientRefreshWithTheSameKeyThenDpopTokenOfThatKey() throws Exception {
        TokenResponse login = spaLogin(proof(KEY).sign());

        TokenResponse refreshed = spaRefresh(login.refreshToken().orElseThrow(), proof(KEY).sign());

        assertEquals("DPoP", refreshed.tokenType());
        assertEquals(TestProofs.thumbprint(KEY), ((Map<?, ?>) claims(refreshed).get("cnf")).get("jkt"));
        // the successor stays bound
        assertInvalidProofForRefresh(() -> spaRefresh(refreshed.refreshToken().orElseThrow(),
                proof(OTHER_KEY).sign()));
    }

    private static void assertInvalidProofForRefresh(Executable call) {
        OAuthException e = assertThrows(OAuthException.class, call);
        assertEquals(OAuthError.INVALID_DPOP_PROOF, e.error());
    }

    @Test
    void publicClientRefreshWithAnotherKeyThenInvalidDpopProofAndTheTokenStaysUsable() {
        TokenResponse login = spaLogin(proof(KEY).sign());
        String refreshToken = login.refreshToken().orElseThrow();

        assertInvalidProofForRefresh(() -> spaRefresh(refreshToken, proof(OTHER_KEY).sign()));

        assertEquals("DPoP", spaRefresh(refreshToken, proof(KEY).sign()).tokenType());
    }

    @Test
    void publicClientRefreshWithoutProofThenInvalidDpopProof() {
        TokenResponse login = spaLogin(proof(KEY).sign());

        assertInvalidProofForRefresh(() -> spaRefresh(login.refreshToken().orElseThrow()));
    }

    @Test
    void confidentialClientRefreshTokenIsNotBoundButTheNewAccessTokenIsBoundToTheRefreshProof() throws Exception {
        TokenResponse login = server.tokenWithProofs(basic(APP, SECRET), List.of(proof(KEY).sign()), "grant_type",
                "password", "username", USER, "password", PASSWORD, "scope", "read");
        assertEquals("DPoP", login.tokenType());

        TokenResponse refreshed = server.tokenWithProofs(basic(APP, SECRET), List.of(proof(OTHER_KEY).sign()),
                "grant_type", "refresh_token", "refresh_token", login.refreshToken().orElseThrow());

        assertEquals("DPoP", refreshed.tokenType());
        assertEquals(TestProofs.thumbprint(OTHER_KEY), ((Map<?, ?>) claims(refreshed).get("cnf")).get("jkt"));
        TokenResponse bearer = server.tokenWithProofs(basic(APP, SECRET), List.of(), "grant_type", "refresh_token",
                "refresh_token", refreshed.refreshToken().orElseThrow());
        assertEquals("Bearer", bearer.tokenType());
    }

    // --- dpop_jkt (RFC 9449 §10) ---

    private static final String VERIFIER = "dpop-verifier-0123456789-0123456789-0123456789";

    private String codeFor(Optional<String> dpopJkt) throws Exception {
        String challenge = com.nimbusds.jose.util.Base64URL.encode(java.security.MessageDigest.getInstance("SHA-256")
                .digest(VERIFIER.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).toString();
        return server.codes.issue(new dev.tollgate.impl.server.authorize.AuthorizationRequest(new ClientId(SPA),
                REDIRECT_URI, true, dev.tollgate.impl.server.authorize.Scopes.parse("read").orElseThrow(),
                Optional.empty(), challenge, Optional.empty(), dpopJkt), server.userSubject, server.clock.instant());
    }

    private TokenResponse redeem(String code, String... proofs) {
        return server.tokenWithProofs(Optional.empty(), List.of(proofs), "grant_type", "authorization_code",
                "client_id", SPA, "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", VERIFIER);
    }

    @Test
    void codeWithDpopJktRedeemedWithAProofOfThatKeyThenDpopToken() throws Exception {
        String code = codeFor(Optional.of(TestProofs.thumbprint(KEY)));

        TokenResponse response = redeem(code, proof(KEY).sign());

        assertEquals("DPoP", response.tokenType());
        assertEquals(TestProofs.thumbprint(KEY), ((Map<?, ?>) claims(response).get("cnf")).get("jkt"));
    }

    @Test
    void codeWithDpopJktRedeemedWithAnotherKeyThenInvalidDpopProofAndTheCodeStaysUnused() throws Exception {
        String code = codeFor(Optional.of(TestProofs.thumbprint(KEY)));

        assertInvalidProofForRefresh(() -> redeem(code, proof(OTHER_KEY).sign()));
        assertInvalidProofForRefresh(() -> redeem(code));

        assertEquals("DPoP", redeem(code, proof(KEY).sign()).tokenType());
    }

    @Test
    void codeWithoutDpopJktRedeemedWithAProofThenBoundToTheProofKey() throws Exception {
        TokenResponse response = redeem(codeFor(Optional.empty()), proof(OTHER_KEY).sign());

        assertEquals(TestProofs.thumbprint(OTHER_KEY), ((Map<?, ?>) claims(response).get("cnf")).get("jkt"));
    }

    // --- dpop_bound_access_tokens (RFC 9449 §5.2) ---

    @Test
    void clientWithDpopBoundAccessTokensWithoutProofThenInvalidDpopProof() {
        server.clients.upsert(ClientDefinition.builder(new ClientId("bound")).secretHash(SecretHash.of(SECRET))
                .grantTypes(GrantType.CLIENT_CREDENTIALS).dpopBoundAccessTokens(true).build());

        OAuthException e = assertThrows(OAuthException.class, () -> server.tokenWithProofs(basic("bound", SECRET),
                List.of(), "grant_type", "client_credentials"));
        assertEquals(OAuthError.INVALID_DPOP_PROOF, e.error());

        TokenResponse withProof = server.tokenWithProofs(basic("bound", SECRET), List.of(proof(KEY).sign()),
                "grant_type", "client_credentials");
        assertEquals("DPoP", withProof.tokenType());
        assertTrue(server.clients.find(new ClientId("bound")).orElseThrow().dpopBoundAccessTokens());
    }

    @Test
    void serverRequiringDpopThenRequestWithoutProofIsInvalidDpopProof() {
        DpopSettings d = DpopSettings.defaults();
        ServerFixture required = new ServerFixture(dataSource(), false, new DpopSettings(d.algorithms(),
                d.proofLifetime(), d.clockSkew(), false, d.nonceLifetime(), true));

        OAuthException e = assertThrows(OAuthException.class, () -> required.tokenWithProofs(basic(SERVICE, SECRET),
                List.of(), "grant_type", "client_credentials"));
        assertEquals(OAuthError.INVALID_DPOP_PROOF, e.error());
        assertNotEquals("Bearer", required.tokenWithProofs(basic(SERVICE, SECRET), List.of(proof(KEY).sign()),
                "grant_type", "client_credentials").tokenType());
    }
}
