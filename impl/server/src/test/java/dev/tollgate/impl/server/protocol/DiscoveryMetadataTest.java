package dev.tollgate.impl.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.protocol.ServerMetadata;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The two discovery documents, exactly as they were before the endpoints came from the application. */
class DiscoveryMetadataTest {

    private static final String ISSUER = "https://as.example";
    private static final List<GrantType> ALL_GRANTS = List.of(GrantType.AUTHORIZATION_CODE,
            GrantType.CLIENT_CREDENTIALS, GrantType.PASSWORD, GrantType.REFRESH_TOKEN);

    private static final String OAUTH = "{\"issuer\":\"https://as.example\",\"authorization_endpoint\":"
            + "\"https://as.example/oauth2/authorize\",\"token_endpoint\":\"https://as.example/oauth2/token\","
            + "\"jwks_uri\":\"https://as.example/oauth2/jwks\",\"revocation_endpoint\":"
            + "\"https://as.example/oauth2/revoke\",\"introspection_endpoint\":"
            + "\"https://as.example/oauth2/introspect\","
            + "\"userinfo_endpoint\":\"https://as.example/oauth2/userinfo\",\"registration_endpoint\":"
            + "\"https://as.example/oauth2/register\",\"grant_types_supported\":[\"authorization_code\","
            + "\"client_credentials\",\"password\",\"refresh_token\"],\"response_types_supported\":[\"code\"],"
            + "\"response_modes_supported\":[\"query\"],\"code_challenge_methods_supported\":[\"S256\"],"
            + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"client_secret_post\",\"none\"],"
            + "\"revocation_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"client_secret_post\","
            + "\"none\"],\"introspection_endpoint_auth_methods_supported\":[\"client_secret_basic\","
            + "\"client_secret_post\"],\"authorization_response_iss_parameter_supported\":true";
    private static final String OPENID_MEMBERS = ",\"subject_types_supported\":[\"public\"],"
            + "\"id_token_signing_alg_values_supported\":[\"ES256\",\"RS256\"],\"scopes_supported\":[\"openid\"],"
            + "\"claims_supported\":[\"iss\",\"sub\",\"aud\",\"exp\",\"iat\",\"auth_time\",\"nonce\",\"at_hash\","
            + "\"email\",\"email_verified\",\"roles\",\"updated_at\",\"client_id\",\"name\"]";

    /** The endpoints where the WAR maps them; the server only passes them on. */
    static ServerEndpoints endpoints(String issuer) {
        return new ServerEndpoints(issuer, URI.create(issuer + "/oauth2/authorize"),
                URI.create(issuer + "/oauth2/token"), URI.create(issuer + "/oauth2/jwks"),
                URI.create(issuer + "/oauth2/revoke"), URI.create(issuer + "/oauth2/introspect"),
                URI.create(issuer + "/oauth2/userinfo"), URI.create(issuer + "/oauth2/register"));
    }

    private static DiscoveryMetadata metadata(List<GrantType> grants) {
        return new DiscoveryMetadata(endpoints(ISSUER), grants, List.of("ES256", "RS256"));
    }

    @Test
    void oauthDocumentIsUnchanged() {
        assertEquals(OAUTH + "}", metadata(ALL_GRANTS).oauth().toJson());
    }

    @Test
    void openIdDocumentIsTheOAuthDocumentPlusOpenIdsMembers() {
        assertEquals(OAUTH + OPENID_MEMBERS + "}", metadata(ALL_GRANTS).openid().toJson());
    }

    @Test
    void withPrivateKeyJwtAndParThenTheirMembers() {
        DiscoveryMetadata metadata = new DiscoveryMetadata(endpoints(ISSUER), ALL_GRANTS, List.of("RS256"), List.of(),
                List.of("ES256", "RS256"), Optional.of(URI.create(ISSUER + "/oauth2/par")), true);
        for (Map<String, Object> json : List.of(metadata.oauthJson(), metadata.openidJson())) {
            assertEquals(List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"),
                    json.get("token_endpoint_auth_methods_supported"));
            assertEquals(List.of("client_secret_basic", "client_secret_post", "private_key_jwt"),
                    json.get("introspection_endpoint_auth_methods_supported"));
            assertEquals(List.of("ES256", "RS256"), json.get("token_endpoint_auth_signing_alg_values_supported"));
            assertEquals(List.of("ES256", "RS256"), json.get("revocation_endpoint_auth_signing_alg_values_supported"));
            assertEquals(ISSUER + "/oauth2/par", json.get("pushed_authorization_request_endpoint"));
            assertEquals(Boolean.TRUE, json.get("require_pushed_authorization_requests"));
        }
    }

    @Test
    void withoutPrivateKeyJwtAndParThenNoneOfTheirMembers() {
        Map<String, Object> json = metadata(ALL_GRANTS).oauthJson();
        assertFalse(json.containsKey("token_endpoint_auth_signing_alg_values_supported"));
        assertFalse(json.containsKey("pushed_authorization_request_endpoint"));
        assertFalse(json.containsKey("require_pushed_authorization_requests"));
    }

    @Test
    void grantsListedAreTheTokenEndpointsOnly() {
        ServerMetadata withoutCodeFlow = metadata(List.of(GrantType.CLIENT_CREDENTIALS, GrantType.PASSWORD,
                GrantType.REFRESH_TOKEN)).oauth();

        assertEquals(List.of("client_credentials", "password", "refresh_token"),
                withoutCodeFlow.grantTypesSupported());
        assertFalse(withoutCodeFlow.toJson().contains("subject_types_supported"), "OpenID members only in openid");
    }

    @Test
    void endpointsAreThoseTheApplicationGave() throws Exception {
        ServerEndpoints elsewhere = new ServerEndpoints("https://id.example/t1",
                URI.create("https://login.example/authorize"), URI.create("https://api.example/token"),
                URI.create("https://keys.example/jwks.json"), URI.create("https://api.example/revoke"),
                URI.create("https://api.example/introspect"), URI.create("https://api.example/me"),
                URI.create("https://api.example/clients"));

        ServerMetadata document = ServerMetadata.parse(
                new DiscoveryMetadata(elsewhere, List.of(GrantType.PASSWORD), List.of()).openid().toJson());

        assertEquals("https://id.example/t1", document.issuer());
        assertEquals(URI.create("https://login.example/authorize"), document.authorizationEndpoint().orElseThrow());
        assertEquals(URI.create("https://api.example/token"), document.tokenEndpoint().orElseThrow());
        assertEquals(URI.create("https://keys.example/jwks.json"), document.jwksUri().orElseThrow());
        assertEquals(URI.create("https://api.example/revoke"), document.revocationEndpoint().orElseThrow());
        assertEquals(URI.create("https://api.example/introspect"), document.introspectionEndpoint().orElseThrow());
        assertEquals(URI.create("https://api.example/me"), document.userinfoEndpoint().orElseThrow());
        assertEquals(URI.create("https://api.example/clients"), document.registrationEndpoint().orElseThrow());
    }
}
