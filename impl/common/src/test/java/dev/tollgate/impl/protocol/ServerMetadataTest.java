package dev.tollgate.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 8414 §2 and OpenID Connect Discovery §3: round trips, real-world documents, and what is refused. */
class ServerMetadataTest {

    private static final String ISSUER = "https://as.example/realms/tollgate";

    private static ServerMetadata full() {
        return ServerMetadata.builder(ISSUER)
                .authorizationEndpoint(URI.create(ISSUER + "/oauth2/authorize"))
                .tokenEndpoint(URI.create(ISSUER + "/oauth2/token"))
                .jwksUri(URI.create(ISSUER + "/oauth2/jwks"))
                .revocationEndpoint(URI.create(ISSUER + "/oauth2/revoke"))
                .introspectionEndpoint(URI.create(ISSUER + "/oauth2/introspect"))
                .userinfoEndpoint(URI.create(ISSUER + "/oauth2/userinfo"))
                .registrationEndpoint(URI.create(ISSUER + "/oauth2/register"))
                .grantTypesSupported(List.of("authorization_code", "client_credentials"))
                .responseTypesSupported(List.of("code"))
                .responseModesSupported(List.of("query"))
                .codeChallengeMethodsSupported(List.of("S256"))
                .tokenEndpointAuthMethodsSupported(List.of("client_secret_basic", "none"))
                .revocationEndpointAuthMethodsSupported(List.of("client_secret_basic"))
                .introspectionEndpointAuthMethodsSupported(List.of("client_secret_post"))
                .authorizationResponseIssParameterSupported(true)
                .subjectTypesSupported(List.of("public"))
                .idTokenSigningAlgValuesSupported(List.of("ES256"))
                .scopesSupported(List.of("openid"))
                .claimsSupported(List.of("sub", "iss"))
                .build();
    }

    @Test
    void parseOfToJsonIsTheSameMetadata() throws Exception {
        ServerMetadata minimal = ServerMetadata.builder(ISSUER).build();

        assertEquals(full(), ServerMetadata.parse(full().toJson()));
        assertEquals(minimal, ServerMetadata.parse(minimal.toJson()));
        assertEquals("{\"issuer\":\"" + ISSUER + "\"}", minimal.toJson());
    }

    @Test
    void keycloakOpenIdConfigurationWithMembersWeDoNotModel() throws Exception {
        ServerMetadata m = ServerMetadata.parse("""
                {"issuer":"https://kc.example/realms/demo",
                 "authorization_endpoint":"https://kc.example/realms/demo/protocol/openid-connect/auth",
                 "token_endpoint":"https://kc.example/realms/demo/protocol/openid-connect/token",
                 "introspection_endpoint":"https://kc.example/realms/demo/protocol/openid-connect/token/introspect",
                 "userinfo_endpoint":"https://kc.example/realms/demo/protocol/openid-connect/userinfo",
                 "end_session_endpoint":"https://kc.example/realms/demo/protocol/openid-connect/logout",
                 "frontchannel_logout_session_supported":true,
                 "jwks_uri":"https://kc.example/realms/demo/protocol/openid-connect/certs",
                 "grant_types_supported":["authorization_code","implicit","refresh_token","password",
                   "client_credentials","urn:ietf:params:oauth:grant-type:device_code",
                   "urn:openid:params:grant-type:ciba"],
                 "acr_values_supported":["0","1"],
                 "response_types_supported":["code","none","id_token","token","id_token token","code id_token"],
                 "subject_types_supported":["public","pairwise"],
                 "id_token_signing_alg_values_supported":["PS384","ES384","RS384","HS256","ES256","RS256"],
                 "token_endpoint_auth_methods_supported":["private_key_jwt","client_secret_basic",
                   "client_secret_post","tls_client_auth","client_secret_jwt"],
                 "code_challenge_methods_supported":["plain","S256"],
                 "tls_client_certificate_bound_access_tokens":true,
                 "revocation_endpoint":"https://kc.example/realms/demo/protocol/openid-connect/revoke",
                 "backchannel_logout_supported":true,
                 "mtls_endpoint_aliases":{"token_endpoint":"https://kc.example/mtls/token"},
                 "authorization_response_iss_parameter_supported":true}""");

        assertEquals("https://kc.example/realms/demo", m.issuer());
        assertEquals(Optional.of(URI.create("https://kc.example/realms/demo/protocol/openid-connect/token")),
                m.tokenEndpoint());
        assertTrue(m.grantTypesSupported().contains("urn:ietf:params:oauth:grant-type:device_code"));
        assertTrue(m.tokenEndpointAuthMethodsSupported().contains("private_key_jwt"));
        assertEquals(List.of("plain", "S256"), m.codeChallengeMethodsSupported());
        assertTrue(m.authorizationResponseIssParameterSupported());
        assertTrue(m.registrationEndpoint().isEmpty());
        assertEquals(m, ServerMetadata.parse(m.toJson()));
    }

    @Test
    void oktaAuthorizationServerMetadataWithoutPkceOrIssParameter() throws Exception {
        ServerMetadata m = ServerMetadata.parse("""
                {"issuer":"https://dev-1.okta.com/oauth2/default",
                 "authorization_endpoint":"https://dev-1.okta.com/oauth2/default/v1/authorize",
                 "token_endpoint":"https://dev-1.okta.com/oauth2/default/v1/token",
                 "registration_endpoint":"https://dev-1.okta.com/oauth2/v1/clients",
                 "jwks_uri":"https://dev-1.okta.com/oauth2/default/v1/keys",
                 "response_types_supported":["code","token","id_token"],
                 "response_modes_supported":["query","fragment","form_post","okta_post_message"],
                 "request_parameter_supported":true,
                 "dpop_signing_alg_values_supported":["RS256","ES256"]}""");

        assertTrue(m.codeChallengeMethodsSupported().isEmpty());
        assertFalse(m.authorizationResponseIssParameterSupported());
        assertEquals(Optional.of(URI.create("https://dev-1.okta.com/oauth2/v1/clients")), m.registrationEndpoint());
    }

    @Test
    void missingIssuerOrMemberOfTheWrongTypeIsAParseException() {
        for (String json : List.of(
                "{\"token_endpoint\":\"https://as.example/token\"}",
                "{\"issuer\":42}",
                "{\"issuer\":\"https://as.example\",\"token_endpoint\":7}",
                "{\"issuer\":\"https://as.example\",\"token_endpoint\":\"https://as example/token\"}",
                "{\"issuer\":\"https://as.example\",\"grant_types_supported\":\"client_credentials\"}",
                "{\"issuer\":\"https://as.example\",\"code_challenge_methods_supported\":[\"S256\",1]}",
                "{\"issuer\":\"https://as.example\",\"authorization_response_iss_parameter_supported\":\"true\"}",
                "not json")) {
            assertThrows(MessageParseException.class, () -> ServerMetadata.parse(json), json);
        }
    }

    @Test
    void nimbusOAuthSdkReadsWhatWeWrite() throws Exception {
        AuthorizationServerMetadata nimbus = AuthorizationServerMetadata.parse(full().toJson());

        assertEquals(ISSUER, nimbus.getIssuer().getValue());
        assertEquals(URI.create(ISSUER + "/oauth2/token"), nimbus.getTokenEndpointURI());
        assertEquals(URI.create(ISSUER + "/oauth2/revoke"), nimbus.getRevocationEndpointURI());
        assertEquals(List.of(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS), nimbus.getGrantTypes());
        assertEquals(List.of(CodeChallengeMethod.S256), nimbus.getCodeChallengeMethods());
        assertTrue(nimbus.supportsAuthorizationResponseIssuerParam());
    }
}
