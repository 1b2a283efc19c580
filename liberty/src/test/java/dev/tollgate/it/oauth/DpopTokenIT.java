package dev.tollgate.it.oauth;

import static dev.tollgate.it.oauth.OAuthCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.support.LibertyServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DPoP (RFC 9449) at the authorization server, over real HTTP: the token endpoint binds tokens to the proof's key
 * ({@code token_type: DPoP}, {@code cnf.jkt}), refuses a replayed or misdirected proof, binds a public client's
 * refresh token, enforces {@code dpop_bound_access_tokens}; introspection shows the binding; userinfo and the
 * server's own API take the token with the DPoP scheme and a proof, and refuse it as Bearer (§7.2). Proofs are
 * made with the Nimbus OAuth SDK, as a foreign client would make them.
 */
class DpopTokenIT {

    private static final String TOKEN_PATH = "/oauth2/token";
    private static final String DPOP_BOUND = "it-dpop-bound";
    private static final String DPOP_BOUND_SECRET = "it-dpop-bound-secret-0123456789";

    private final ECKey key = generate();
    private final DPoPProofFactory proofs = factory(key);

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DPoPProofFactory factory(ECKey key) {
        try {
            return new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String thumbprint(ECKey key) throws JOSEException {
        return key.computeThumbprint().toString();
    }

    private static String proof(DPoPProofFactory factory, String method, String path) throws JOSEException {
        return factory.createDPoPJWT(method, LibertyServer.uri(path)).serialize();
    }

    private static String proof(DPoPProofFactory factory, String method, String path, String accessToken)
            throws JOSEException {
        return factory.createDPoPJWT(method, LibertyServer.uri(path), new DPoPAccessToken(accessToken)).serialize();
    }

    /** A 200 token response of a DPoP-bound token: no-store, token_type DPoP. */
    private static Map<String, Object> assertDpopTokenResponse(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertNoStore(response);
        Map<String, Object> body = json(response);
        assertEquals("DPoP", body.get("token_type"));
        return body;
    }

    private static Object cnf(Map<String, Object> tokenResponse) throws Exception {
        return SignedJWT.parse((String) tokenResponse.get("access_token")).getJWTClaimsSet().getClaim("cnf");
    }

    private Map<String, Object> serviceToken() throws Exception {
        return assertDpopTokenResponse(postForm(TOKEN_PATH, params("grant_type", "client_credentials"),
                "Authorization", basic(SERVICE, SERVICE_SECRET), "DPoP", proof(proofs, "POST", TOKEN_PATH)));
    }

    @Test
    void clientCredentialsWithProofThenDpopTokenBoundToTheKey() throws Exception {
        Map<String, Object> response = serviceToken();

        assertEquals(Map.of("jkt", thumbprint(key)), cnf(response));
    }

    @Test
    void clientCredentialsWithoutProofThenStillBearer() throws Exception {
        Map<String, Object> response = assertTokenResponse(postForm(TOKEN_PATH,
                params("grant_type", "client_credentials"), "Authorization", basic(SERVICE, SERVICE_SECRET)));

        assertEquals(null, cnf(response));
    }

    @Test
    void replayedProofThenInvalidDpopProof() throws Exception {
        String proof = proof(proofs, "POST", TOKEN_PATH);
        assertDpopTokenResponse(postForm(TOKEN_PATH, params("grant_type", "client_credentials"),
                "Authorization", basic(SERVICE, SERVICE_SECRET), "DPoP", proof));

        HttpResponse<String> replay = postForm(TOKEN_PATH, params("grant_type", "client_credentials"),
                "Authorization", basic(SERVICE, SERVICE_SECRET), "DPoP", proof);

        assertError(replay, 400, "invalid_dpop_proof");
    }

    @Test
    void proofForAnotherUriOrMethodThenInvalidDpopProof() throws Exception {
        String otherPort = proofs.createDPoPJWT("POST", URI.create("http://localhost:1" + TOKEN_PATH)).serialize();
        assertError(postForm(TOKEN_PATH, params("grant_type", "client_credentials"), "Authorization",
                basic(SERVICE, SERVICE_SECRET), "DPoP", otherPort), 400, "invalid_dpop_proof");

        assertError(postForm(TOKEN_PATH, params("grant_type", "client_credentials"), "Authorization",
                basic(SERVICE, SERVICE_SECRET), "DPoP", proof(proofs, "GET", TOKEN_PATH)), 400,
                "invalid_dpop_proof");
    }

    @Test
    void malformedProofThenInvalidDpopProofNever500() {
        assertError(postForm(TOKEN_PATH, params("grant_type", "client_credentials"), "Authorization",
                basic(SERVICE, SERVICE_SECRET), "DPoP", "e30.e30.AAAA"), 400, "invalid_dpop_proof");
    }

    @Test
    void publicClientRefreshTokenIsBoundToTheKey() throws Exception {
        Map<String, Object> login = assertDpopTokenResponse(postForm(TOKEN_PATH, params("grant_type", "password",
                "client_id", GLOBAL, "username", ADMIN, "password", ADMIN_PASSWORD, "scope", "read"), "DPoP",
                proof(proofs, "POST", TOKEN_PATH)));
        String refreshToken = (String) login.get("refresh_token");
        DPoPProofFactory thief = factory(generate());

        assertError(postForm(TOKEN_PATH, params("grant_type", "refresh_token", "client_id", GLOBAL,
                "refresh_token", refreshToken), "DPoP", proof(thief, "POST", TOKEN_PATH)), 400, "invalid_dpop_proof");
        assertError(postForm(TOKEN_PATH, params("grant_type", "refresh_token", "client_id", GLOBAL,
                "refresh_token", refreshToken)), 400, "invalid_dpop_proof");

        Map<String, Object> refreshed = assertDpopTokenResponse(postForm(TOKEN_PATH, params("grant_type",
                "refresh_token", "client_id", GLOBAL, "refresh_token", refreshToken), "DPoP",
                proof(proofs, "POST", TOKEN_PATH)));
        assertEquals(Map.of("jkt", thumbprint(key)), cnf(refreshed));
    }

    @Test
    void dpopBoundClientWithoutProofThenInvalidDpopProof() throws Exception {
        assertError(postForm(TOKEN_PATH, params("grant_type", "client_credentials"), "Authorization",
                basic(DPOP_BOUND, DPOP_BOUND_SECRET)), 400, "invalid_dpop_proof");

        Map<String, Object> response = assertDpopTokenResponse(postForm(TOKEN_PATH,
                params("grant_type", "client_credentials"), "Authorization", basic(DPOP_BOUND, DPOP_BOUND_SECRET),
                "DPoP", proof(proofs, "POST", TOKEN_PATH)));
        assertEquals(Map.of("jkt", thumbprint(key)), cnf(response));
    }

    @Test
    void introspectionShowsTheBinding() throws Exception {
        String token = (String) serviceToken().get("access_token");

        HttpResponse<String> response = postForm("/oauth2/introspect", params("token", token), "Authorization",
                basic(APP, APP_SECRET));

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> body = json(response);
        assertEquals(true, body.get("active"));
        assertEquals("DPoP", body.get("token_type"));
        assertEquals(Map.of("jkt", thumbprint(key)), body.get("cnf"));
    }

    @Test
    void discoveryAdvertisesTheProofAlgorithms() {
        Map<String, Object> metadata = json(LibertyServer.get("/.well-known/oauth-authorization-server"));

        assertTrue(((List<?>) metadata.get("dpop_signing_alg_values_supported")).contains("ES256"),
                metadata::toString);
    }

    @Test
    void userInfoWithTheDpopSchemeAndAProofThenClaims() throws Exception {
        String token = (String) serviceToken().get("access_token");

        HttpResponse<String> response = LibertyServer.get("/oauth2/userinfo", "Authorization", "DPoP " + token,
                "DPoP", proof(proofs, "GET", "/oauth2/userinfo", token));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(SERVICE, json(response).get("sub"));
    }

    @Test
    void userInfoWithTheBoundTokenAsBearerThen401() throws Exception {
        String token = (String) serviceToken().get("access_token");

        HttpResponse<String> response = LibertyServer.get("/oauth2/userinfo", "Authorization", "Bearer " + token);

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().allValues("WWW-Authenticate").stream()
                .anyMatch(c -> c.startsWith("Bearer") && c.contains("invalid_token")),
                () -> response.headers().allValues("WWW-Authenticate").toString());
        assertFalse(response.body().contains(token));
    }

    @Test
    void userInfoWithAProofForAnotherTokenThen401InvalidDpopProof() throws Exception {
        String token = (String) serviceToken().get("access_token");

        HttpResponse<String> response = LibertyServer.get("/oauth2/userinfo", "Authorization", "DPoP " + token,
                "DPoP", proof(proofs, "GET", "/oauth2/userinfo", token + "x"));

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().allValues("WWW-Authenticate").stream()
                .anyMatch(c -> c.startsWith("DPoP") && c.contains("invalid_dpop_proof")),
                () -> response.headers().allValues("WWW-Authenticate").toString());
    }

    @Test
    void boundTokenAsBearerAtTheServersOwnApiThenRefused() throws Exception {
        String token = (String) serviceToken().get("access_token");

        HttpResponse<String> response = LibertyServer.get("/api/me", "Authorization", "Bearer " + token);

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(ProblemType.TOKEN_DPOP_BOUND.type().toString(), json(response).get("type"));
    }

    @Test
    void boundTokenWithTheDpopSchemeAtTheServersOwnApiThenAdmitted() throws Exception {
        String token = (String) serviceToken().get("access_token");

        HttpResponse<String> response = LibertyServer.get("/api/me", "Authorization", "DPoP " + token, "DPoP",
                proof(proofs, "GET", "/api/me", token));

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void stolenTokenWithTheThiefsOwnProofThenRefused() throws Exception {
        String token = (String) serviceToken().get("access_token");

        HttpResponse<String> response = LibertyServer.get("/api/me", "Authorization", "DPoP " + token, "DPoP",
                proof(factory(generate()), "GET", "/api/me", token));

        assertEquals(401, response.statusCode(), response.body());
        assertEquals(ProblemType.DPOP_KEY_BINDING.type().toString(), json(response).get("type"));
    }
}
