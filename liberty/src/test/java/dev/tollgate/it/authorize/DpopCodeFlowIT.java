package dev.tollgate.it.authorize;

import static dev.tollgate.it.authorize.Browser.authorizeQuery;
import static dev.tollgate.it.authorize.Browser.location;
import static dev.tollgate.it.authorize.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code dpop_jkt} at the authorization endpoint (RFC 9449 §10), through the login without a browser: the code is
 * bound to the named key, and only a token request with a proof of that key redeems it.
 */
class DpopCodeFlowIT {

    private static final String TRUSTED = "it-authz-trusted";
    private static final String TRUSTED_CB = "https://trusted.it.tollgate.dev/cb";

    private static ECKey generate() throws JOSEException {
        return new ECKeyGenerator(Curve.P_256).generate();
    }

    private static String proof(ECKey key) throws JOSEException {
        return new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256)
                .createDPoPJWT("POST", LibertyServer.uri("/oauth2/token")).serialize();
    }

    private static HttpResponse<String> redeem(Browser browser, String code, String... headers) {
        return browser.post("/oauth2/token", Map.of("grant_type", "authorization_code", "client_id", TRUSTED,
                "code", code, "redirect_uri", TRUSTED_CB, "code_verifier", Browser.VERIFIER), headers);
    }

    private static void assertInvalidDpopProof(HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("invalid_dpop_proof", JSONObjectUtils.parse(response.body()).get("error"));
    }

    @Test
    void codeWithDpopJktIsRedeemedOnlyWithAProofOfThatKey() throws Exception {
        ECKey key = generate();
        Browser browser = new Browser();
        HttpResponse<String> callback = browser.startAndLogIn(authorizeQuery("client_id", TRUSTED, "redirect_uri",
                TRUSTED_CB, "scope", "read", "dpop_jkt", key.computeThumbprint().toString()));
        String code = query(location(callback)).get("code");

        assertInvalidDpopProof(redeem(browser, code, "DPoP", proof(generate())));
        assertInvalidDpopProof(redeem(browser, code));

        HttpResponse<String> token = redeem(browser, code, "DPoP", proof(key));
        assertEquals(200, token.statusCode(), token.body());
        Map<String, Object> body = JSONObjectUtils.parse(token.body());
        assertEquals("DPoP", body.get("token_type"));
        assertEquals(Map.of("jkt", key.computeThumbprint().toString()),
                SignedJWT.parse((String) body.get("access_token")).getJWTClaimsSet().getClaim("cnf"));
    }

    @Test
    void malformedDpopJktThenInvalidRequestByRedirect() {
        Browser browser = new Browser();

        HttpResponse<String> response = browser.get("/oauth2/authorize?" + authorizeQuery("client_id", TRUSTED,
                "redirect_uri", TRUSTED_CB, "scope", "read", "dpop_jkt", "not-a-thumbprint"));

        assertEquals(303, response.statusCode(), response.body());
        Map<String, String> redirect = query(location(response));
        assertEquals("invalid_request", redirect.get("error"));
        assertNull(redirect.get("code"));
    }
}
