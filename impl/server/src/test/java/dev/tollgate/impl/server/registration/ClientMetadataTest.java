package dev.tollgate.impl.server.registration;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMetadataTest {

    private static final Set<String> ALLOWED = RegistrationSettings.defaults().allowedScopes();

    private static ClientMetadata parse(String json) {
        return ClientMetadata.parse(json, ALLOWED);
    }

    private static OAuthError errorOf(String json) {
        return assertThrows(OAuthException.class, () -> parse(json)).error();
    }

    @Test
    void dpopBoundAccessTokensIsKeptAndMustBeABoolean() {
        ClientMetadata bound = parse("{\"grant_types\":[\"client_credentials\"],\"dpop_bound_access_tokens\":true}");
        assertTrue(bound.dpopBoundAccessTokens());
        assertEquals(true, bound.toJson().get("dpop_bound_access_tokens"));
        assertFalse(parse("{\"grant_types\":[\"client_credentials\"]}").dpopBoundAccessTokens());
        assertEquals(OAuthError.INVALID_CLIENT_METADATA,
                errorOf("{\"grant_types\":[\"client_credentials\"],\"dpop_bound_access_tokens\":\"yes\"}"));
    }

    @Test
    void minimalRegistrationTakesTheRfcDefaults() {
        ClientMetadata metadata = parse("{\"redirect_uris\":[\"https://app.example.com/cb\"]}");

        assertEquals(Set.of(GrantType.AUTHORIZATION_CODE), metadata.grantTypes());
        assertEquals(List.of("code"), metadata.responseTypes());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, metadata.authMethod());
    }

    @Test
    void everyMemberIsKept() {
        ClientMetadata metadata = parse("""
                {"client_name":"App","redirect_uris":["https://a.example/cb","http://127.0.0.1:8080/cb"],
                 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
                 "token_endpoint_auth_method":"none","scope":"openid read","client_uri":"https://a.example",
                 "logo_uri":"https://a.example/logo.png","tos_uri":"https://a.example/tos",
                 "policy_uri":"https://a.example/policy","unknown_member":42}""");

        assertEquals("App", metadata.clientName().orElseThrow());
        assertEquals(ClientAuthMethod.NONE, metadata.authMethod());
        assertEquals(Set.of("openid", "read"), metadata.scope());
        assertEquals("https://a.example/policy", metadata.policyUri().orElseThrow());
        assertEquals("openid read", metadata.toJson().get("scope"));
    }

    @Test
    void privateKeyJwtWithPublicJwksIsKeptAndEchoed() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        ClientMetadata metadata = parse("""
                {"grant_types":["client_credentials"],"token_endpoint_auth_method":"private_key_jwt",
                 "jwks":%s,"require_pushed_authorization_requests":true}"""
                .formatted(new JWKSet(key.toPublicJWK()).toString()));
        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, metadata.authMethod());
        assertTrue(metadata.confidential());
        assertTrue(metadata.requirePushedRequests());
        assertTrue(metadata.toJson().get("jwks") instanceof java.util.Map<?, ?>);
        assertEquals(Boolean.TRUE, metadata.toJson().get("require_pushed_authorization_requests"));
    }

    @Test
    void privateKeyJwtWithPrivateKeyNoKeysBothOrJwksUriNotAllowedIsInvalidMetadata() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        String pub = new JWKSet(key.toPublicJWK()).toString();
        assertEquals(OAuthError.INVALID_CLIENT_METADATA, errorOf("""
                {"grant_types":["client_credentials"],"token_endpoint_auth_method":"private_key_jwt","jwks":%s}"""
                .formatted(new JWKSet(key).toString(false))));
        assertEquals(OAuthError.INVALID_CLIENT_METADATA, errorOf("""
                {"grant_types":["client_credentials"],"token_endpoint_auth_method":"private_key_jwt"}"""));
        assertEquals(OAuthError.INVALID_CLIENT_METADATA, errorOf("""
                {"grant_types":["client_credentials"],"token_endpoint_auth_method":"private_key_jwt","jwks":%s,
                 "jwks_uri":"https://keys.example.com/jwks"}""".formatted(pub)));
        assertEquals(OAuthError.INVALID_CLIENT_METADATA, errorOf("""
                {"grant_types":["client_credentials"],"token_endpoint_auth_method":"private_key_jwt",
                 "jwks_uri":"https://keys.example.com/jwks"}"""));
        assertEquals(OAuthError.INVALID_CLIENT_METADATA, errorOf("""
                {"grant_types":["client_credentials"],"token_endpoint_auth_method":"client_secret_basic","jwks":%s}"""
                .formatted(pub)));
        assertEquals(OAuthError.INVALID_CLIENT_METADATA, errorOf("""
                {"grant_types":["client_credentials"],"require_pushed_authorization_requests":"yes"}"""));
    }

    @Test
    void clientCredentialsOnlyNeedsNoRedirectUriAndHasNoResponseType() {
        ClientMetadata metadata = parse("{\"grant_types\":[\"client_credentials\"]}");

        assertEquals(List.of(), metadata.responseTypes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example.com/cb", "https://app.example.com/cb#frag", "/relative/cb",
            "app.example.com/cb", "https:///nohost", "custom.scheme:/cb", "https://a.example/c b", "not a uri"})
    void badRedirectUriIsInvalidRedirectUri(String uri) {
        assertEquals(OAuthError.INVALID_REDIRECT_URI, errorOf("{\"redirect_uris\":[\"" + uri + "\"]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/cb", "http://[::1]:9000/cb", "http://localhost/cb",
            "https://app.example.com/cb?x=1"})
    void loopbackHttpAndHttpsAreAccepted(String uri) {
        assertEquals(List.of(uri), parse("{\"redirect_uris\":[\"" + uri + "\"]}").redirectUris());
    }

    @Test
    void codeGrantWithoutRedirectUriIsInvalidRedirectUri() {
        assertEquals(OAuthError.INVALID_REDIRECT_URI, errorOf("{\"grant_types\":[\"authorization_code\"]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json", "[]", "", "{\"grant_types\":\"client_credentials\"}", "{\"grant_types\":[1]}",
        "{\"grant_types\":[\"implicit\"],\"redirect_uris\":[\"https://a.example/cb\"]}",
        "{\"grant_types\":[\"password\"]}", "{\"grant_types\":[\"urn:unknown\"]}", "{\"grant_types\":[]}",
        "{\"response_types\":[\"token\"],\"redirect_uris\":[\"https://a.example/cb\"]}",
        "{\"grant_types\":[\"client_credentials\"],\"response_types\":[\"code\"]}",
        "{\"grant_types\":[\"authorization_code\"],\"response_types\":[],\"redirect_uris\":[\"https://a.example/cb\"]}",
        "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}",
        "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"none\"}",
        "{\"grant_types\":[\"client_credentials\"],\"scope\":\"admin\"}",
        "{\"grant_types\":[\"client_credentials\"],\"scope\":\"client:register\"}",
        "{\"grant_types\":[\"client_credentials\"],\"client_name\":\" \"}",
        "{\"grant_types\":[\"client_credentials\"],\"client_name\":5}",
        "{\"grant_types\":[\"client_credentials\"],\"logo_uri\":\"javascript:alert(1)\"}",
        "{\"grant_types\":[\"client_credentials\"],\"tos_uri\":\"relative\"}"})
    void badMetadataIsInvalidClientMetadata(String json) {
        assertEquals(OAuthError.INVALID_CLIENT_METADATA, errorOf(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Evil\\u0000App", "Pay\\u202Elapyap", "Good\\u2066App\\u2069", "Bank\\u200EApp",
            "Zero\\u200BWidth", "Line\\nBreak", "Bom\\uFEFF", "Esc\\u001B[31m"})
    void clientNameWithControlBidiOrInvisibleCharactersIsRefusedNamingTheField(String jsonEscapedName) {
        OAuthException e = assertThrows(OAuthException.class,
                () -> parse("{\"grant_types\":[\"client_credentials\"],\"client_name\":\"" + jsonEscapedName + "\"}"));

        assertEquals(OAuthError.INVALID_CLIENT_METADATA, e.error());
        assertTrue(e.description().startsWith("client_name "), e.description());
    }

    @Test
    void clientNameMayHoldAnyScriptAndTheJoinersItNeeds() {
        ClientMetadata metadata = parse("{\"grant_types\":[\"client_credentials\"],\"client_name\":"
                + "\"\\u0645\\u06CC\\u200C\\u062E\\u0648\\u0627\\u0647\\u0645 \\u65E5\\u672C Caf\\u00E9\"}");

        assertEquals("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 \u65E5\u672C Caf\u00E9",
                metadata.clientName().orElseThrow());
    }

    @Test
    void clientNameIsBounded() {
        assertEquals(OAuthError.INVALID_CLIENT_METADATA,
                errorOf("{\"grant_types\":[\"client_credentials\"],\"client_name\":\"" + "x".repeat(256) + "\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example@127.0.0.1/cb", "http://evil.example:x@localhost:8080/cb",
            "https://user@app.example.com/cb", "http://@127.0.0.1/cb"})
    void redirectUriWithUserInformationIsRefused(String uri) {
        assertEquals(OAuthError.INVALID_REDIRECT_URI, errorOf("{\"redirect_uris\":[\"" + uri + "\"]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_uri", "logo_uri", "tos_uri", "policy_uri"})
    void webUriWithUserInformationIsRefusedNamingTheField(String member) {
        OAuthException e = assertThrows(OAuthException.class, () -> parse("{\"grant_types\":[\"client_credentials\"],"
                + "\"" + member + "\":\"https://good.example@evil.example/\"}"));

        assertEquals(OAuthError.INVALID_CLIENT_METADATA, e.error());
        assertTrue(e.description().startsWith(member + " "), e.description());
    }
}
