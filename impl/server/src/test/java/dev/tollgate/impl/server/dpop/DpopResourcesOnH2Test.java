package dev.tollgate.impl.server.dpop;

import static dev.tollgate.impl.server.grant.ServerFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.grant.ServerOnH2Test;
import dev.tollgate.impl.testing.TestProofs;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A DPoP-bound token at the server's other endpoints: introspection shows its binding (RFC 9449 §6.2), userinfo
 * takes it with the DPoP scheme and a proof of its key (§7) and refuses it as Bearer (§7.2).
 */
class DpopResourcesOnH2Test extends ServerOnH2Test {

    private static final URI USERINFO = URI.create(ISSUER + "/oauth2/userinfo");

    private String token;

    @BeforeEach
    void issueDpopBoundToken() {
        token = server.tokenWithProofs(basic(SERVICE, SECRET), List.of(TestProofs.proof(TestProofs.EC,
                server.clock.instant()).method("POST").uri(TOKEN_ENDPOINT.toString()).sign()), "grant_type",
                "client_credentials").accessToken();
    }

    private TestProofs.Builder userInfoProof() {
        return TestProofs.proof(TestProofs.EC, server.clock.instant()).method("GET").uri(USERINFO.toString())
                .token(token);
    }

    private Map<String, Object> userInfo(String authorization, String... proofs) {
        return server.userInfo.userInfo(Optional.of(authorization), List.of(proofs), "GET", USERINFO);
    }

    private static void assertError(OAuthError error, Executable call) {
        assertEquals(error, assertThrows(OAuthException.class, call).error());
    }

    @Test
    void introspectionOfABoundTokenThenCnfAndTokenTypeDpop() throws Exception {
        Map<String, Object> answer = JSONObjectUtils.parse(server.introspection.introspect(ISSUER,
                basic(APP, SECRET), "application/x-www-form-urlencoded", "token=" + token));

        assertEquals(true, answer.get("active"));
        assertEquals("DPoP", answer.get("token_type"));
        assertEquals(Map.of("jkt", TestProofs.thumbprint(TestProofs.EC)), answer.get("cnf"));
    }

    @Test
    void userInfoWithTheDpopSchemeAndAGoodProofThenClaims() {
        assertEquals(SERVICE, userInfo("DPoP " + token, userInfoProof().sign()).get("sub"));
    }

    @Test
    void userInfoWithTheBoundTokenAsBearerThenInvalidToken() {
        assertError(OAuthError.INVALID_TOKEN, () -> server.userInfo.userInfo(Optional.of("Bearer " + token)));
    }

    @Test
    void userInfoWithAnUnboundTokenAsDpopThenInvalidToken() {
        String bearer = server.token(basic(SERVICE, SECRET), "grant_type", "client_credentials").accessToken();

        assertError(OAuthError.INVALID_TOKEN, () -> userInfo("DPoP " + bearer, TestProofs.proof(TestProofs.EC,
                server.clock.instant()).method("GET").uri(USERINFO.toString()).token(bearer).sign()));
    }

    @Test
    void userInfoWithoutProofThenInvalidDpopProof() {
        assertError(OAuthError.INVALID_DPOP_PROOF, () -> userInfo("DPoP " + token));
    }

    @Test
    void userInfoWithAProofForAnotherTokenThenInvalidDpopProof() {
        assertError(OAuthError.INVALID_DPOP_PROOF, () -> userInfo("DPoP " + token, userInfoProof().token("other")
                .sign()));
    }

    @Test
    void userInfoWithAProofWithoutAthThenInvalidDpopProof() {
        assertError(OAuthError.INVALID_DPOP_PROOF, () -> userInfo("DPoP " + token, userInfoProof().without("ath")
                .sign()));
    }

    @Test
    void userInfoWithAProofOfAnotherKeyThenInvalidToken() {
        assertError(OAuthError.INVALID_TOKEN, () -> userInfo("DPoP " + token, TestProofs.proof(TestProofs.RSA,
                server.clock.instant()).method("GET").uri(USERINFO.toString()).token(token).sign()));
    }

    @Test
    void userInfoWithAProofForTheTokenEndpointThenInvalidDpopProof() {
        assertError(OAuthError.INVALID_DPOP_PROOF, () -> userInfo("DPoP " + token, userInfoProof()
                .uri(TOKEN_ENDPOINT.toString()).sign()));
    }

    @Test
    void userInfoWithAReplayedProofThenInvalidDpopProof() {
        String proof = userInfoProof().sign();
        userInfo("DPoP " + token, proof);

        assertError(OAuthError.INVALID_DPOP_PROOF, () -> userInfo("DPoP " + token, proof));
    }
}
