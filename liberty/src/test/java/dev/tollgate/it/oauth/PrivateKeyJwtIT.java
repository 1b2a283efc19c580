package dev.tollgate.it.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * private_key_jwt (RFC 7523 §2.2) over real HTTP: a client registered (RFC 7591) with its public JWK Set gets tokens
 * with assertions made by the Nimbus OAuth 2.0 SDK as an independent client; a replayed assertion, one for another
 * audience and one mixed with a secret are refused with the documented errors.
 */
class PrivateKeyJwtIT {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static AuthorizationServerMetadata metadata;
    private static ECKey key;
    private static ClientID client;

    @BeforeAll
    static void registerKeyClient() throws Exception {
        metadata = AuthorizationServerMetadata.resolve(new Issuer(LibertyServer.baseUrl()));
        key = new ECKeyGenerator(Curve.P_256).keyID("it-key-1").generate();
        Map<String, Object> registered = Registrations.registered("""
                {"client_name":"IT key client","grant_types":["client_credentials"],"scope":"read",
                 "token_endpoint_auth_method":"private_key_jwt","jwks":%s}"""
                .formatted(new JWKSet(key.toPublicJWK()).toString()));
        assertFalse(registered.containsKey("client_secret"), "a key client gets no secret");
        assertEquals("private_key_jwt", registered.get("token_endpoint_auth_method"));
        client = new ClientID((String) registered.get("client_id"));
    }

    /** An assertion for the issuer (RFC 7523 §3 item 3), made by Nimbus: a fresh jti, exp in 5 minutes. */
    private static PrivateKeyJWT assertion(ECKey signingKey, String audience) throws Exception {
        return new PrivateKeyJWT(new JWTAuthenticationClaimsSet(client, new Audience(audience)), JWSAlgorithm.ES256,
                signingKey.toECPrivateKey(), signingKey.getKeyID(), null);
    }

    private static HttpResponse<String> post(String path, String form) {
        return LibertyServer.send(LibertyServer.request(path).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertInvalidClient(HttpResponse<String> response) throws Exception {
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        assertEquals("invalid_client", body.get("error"));
        assertEquals("client authentication failed", body.get("error_description"), "says nothing of which check");
    }

    @Test
    void discoveryWhenReadThenAdvertisesPrivateKeyJwtAndItsAlgorithms() throws Exception {
        Map<String, Object> json = JSONObjectUtils.parse(LibertyServer.get("/.well-known/oauth-authorization-server")
                .body());
        for (String member : List.of("token_endpoint_auth_methods_supported",
                "revocation_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported")) {
            assertTrue(((List<?>) json.get(member)).contains("private_key_jwt"), member);
        }
        List<?> algorithms = (List<?>) json.get("token_endpoint_auth_signing_alg_values_supported");
        assertTrue(algorithms.contains("ES256") && algorithms.contains("RS256") && !algorithms.contains("HS256"),
                algorithms::toString);
        assertEquals(algorithms, json.get("introspection_endpoint_auth_signing_alg_values_supported"));
    }

    @Test
    void tokenWhenAssertionThenIssuedAndReplayRefused() throws Exception {
        PrivateKeyJWT once = assertion(key, metadata.getIssuer().getValue());
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), once, new ClientCredentialsGrant(),
                new Scope("read"));
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
        assertEquals(new Scope("read"), response.toSuccessResponse().getTokens().getAccessToken().getScope());

        // The same assertion again (its jti is spent, on every node): refused.
        HTTPRequest replay = request.toHTTPRequest();
        HttpResponse<String> refused = post("/oauth2/token", replay.getBody());
        assertInvalidClient(refused);
    }

    @Test
    void tokenWhenAudienceIsTheTokenEndpointThenInvalidClient() throws Exception {
        PrivateKeyJWT forEndpoint = assertion(key, metadata.getTokenEndpointURI().toString());
        assertInvalidClient(post("/oauth2/token", "grant_type=client_credentials&client_assertion_type="
                + enc(JWT_BEARER) + "&client_assertion=" + enc(forEndpoint.getClientAssertion().serialize())));
    }

    @Test
    void tokenWhenSignedByAnotherKeyThenInvalidClient() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("it-key-1").generate();
        PrivateKeyJWT forged = assertion(stranger, metadata.getIssuer().getValue());
        assertInvalidClient(post("/oauth2/token", "grant_type=client_credentials&client_assertion_type="
                + enc(JWT_BEARER) + "&client_assertion=" + enc(forged.getClientAssertion().serialize())));
    }

    @Test
    void tokenWhenSecretAndAssertionThenInvalidRequest() throws Exception {
        PrivateKeyJWT valid = assertion(key, metadata.getIssuer().getValue());
        HttpResponse<String> response = post("/oauth2/token", "grant_type=client_credentials&client_secret=x"
                + "&client_id=" + enc(client.getValue()) + "&client_assertion_type=" + enc(JWT_BEARER)
                + "&client_assertion=" + enc(valid.getClientAssertion().serialize()));
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("invalid_request", JSONObjectUtils.parse(response.body()).get("error"));
    }

    @Test
    void tokenWhenOnlyClientIdThenInvalidClient() throws Exception {
        assertInvalidClient(post("/oauth2/token", "grant_type=client_credentials&client_id="
                + enc(client.getValue())));
    }

    @Test
    void introspectWhenAssertionThenAnswered() throws Exception {
        TokenResponse issued = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                assertion(key, metadata.getIssuer().getValue()), new ClientCredentialsGrant()).toHTTPRequest().send());
        String accessToken = issued.toSuccessResponse().getTokens().getAccessToken().getValue();
        HttpResponse<String> response = post("/oauth2/introspect", "token=" + enc(accessToken)
                + "&client_assertion_type=" + enc(JWT_BEARER) + "&client_assertion="
                + enc(assertion(key, metadata.getIssuer().getValue()).getClientAssertion().serialize()));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(Boolean.TRUE, JSONObjectUtils.parse(response.body()).get("active"));
    }

    @Test
    void registerWhenJwksHoldsPrivateKeyThenInvalidClientMetadata() throws Exception {
        HttpResponse<String> response = Registrations.register("""
                {"client_name":"IT leaky key client","grant_types":["client_credentials"],
                 "token_endpoint_auth_method":"private_key_jwt","jwks":%s}"""
                .formatted(new JWKSet(key).toString(false)), Registrations.ADMIN_HEADERS);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_client_metadata", JSONObjectUtils.parse(response.body()).get("error"));
    }

    @Test
    void registerWhenPrivateKeyJwtWithoutKeysThenInvalidClientMetadata() throws Exception {
        HttpResponse<String> response = Registrations.register("""
                {"client_name":"IT keyless client","grant_types":["client_credentials"],
                 "token_endpoint_auth_method":"private_key_jwt"}""", Registrations.ADMIN_HEADERS);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_client_metadata", JSONObjectUtils.parse(response.body()).get("error"));
    }
}
