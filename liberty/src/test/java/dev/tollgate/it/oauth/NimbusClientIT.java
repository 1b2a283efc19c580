package dev.tollgate.it.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.UserSubjects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Nimbus OAuth 2.0 SDK as an independent client: configured with the issuer alone, it completes client
 * credentials, password, refresh, revoke and introspect, and its own parsers accept every response.
 */
class NimbusClientIT {

    private static AuthorizationServerMetadata metadata;

    @BeforeAll
    static void discover() throws Exception {
        metadata = AuthorizationServerMetadata.resolve(new Issuer(LibertyServer.baseUrl()));
    }

    private static ClientSecretBasic service() {
        return new ClientSecretBasic(new ClientID(OAuthCalls.SERVICE), new Secret(OAuthCalls.SERVICE_SECRET));
    }

    private static AccessTokenResponse success(HTTPResponse http) throws Exception {
        TokenResponse response = TokenResponse.parse(http);
        assertTrue(response.indicatesSuccess(), () -> http.getStatusCode() + " " + http.getBody());
        return response.toSuccessResponse();
    }

    @Test
    void openIdProviderMetadataParses() throws Exception {
        OIDCProviderMetadata oidc = OIDCProviderMetadata.resolve(new Issuer(LibertyServer.baseUrl()));

        assertEquals(metadata.getTokenEndpointURI(), oidc.getTokenEndpointURI());
        assertNotNull(oidc.getJWKSetURI());
    }

    @Test
    void clientCredentialsWithBasicAndWithPost() throws Exception {
        AccessTokenResponse basic = success(new TokenRequest(metadata.getTokenEndpointURI(), service(),
                new ClientCredentialsGrant(), new Scope("read")).toHTTPRequest().send());
        assertEquals(new Scope("read"), basic.getTokens().getAccessToken().getScope());

        AccessTokenResponse post = success(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretPost(new ClientID(OAuthCalls.SERVICE), new Secret(OAuthCalls.SERVICE_SECRET)),
                new ClientCredentialsGrant(), null).toHTTPRequest().send());
        assertTrue(post.getTokens().getAccessToken().getLifetime() > 0);
    }

    @Test
    void passwordRefreshRevokeAndIntrospect() throws Exception {
        AccessTokenResponse login = success(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientID(OAuthCalls.GLOBAL), new ResourceOwnerPasswordCredentialsGrant(OAuthCalls.ADMIN,
                new Secret(OAuthCalls.ADMIN_PASSWORD)), null).toHTTPRequest().send());
        RefreshToken refreshToken = login.getTokens().getRefreshToken();
        assertNotNull(refreshToken);

        AccessTokenResponse refreshed = success(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientID(OAuthCalls.GLOBAL), new RefreshTokenGrant(refreshToken), null).toHTTPRequest().send());
        AccessToken access = refreshed.getTokens().getAccessToken();
        assertFalse(refreshToken.equals(refreshed.getTokens().getRefreshToken()));

        TokenIntrospectionResponse active = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), service(), access).toHTTPRequest().send());
        assertTrue(active.indicatesSuccess());
        TokenIntrospectionSuccessResponse activeAnswer = active.toSuccessResponse();
        assertTrue(activeAnswer.isActive());
        assertEquals(UserSubjects.admin(), activeAnswer.getSubject().getValue());
        assertEquals(new ClientID(OAuthCalls.GLOBAL), activeAnswer.getClientID());

        HTTPResponse revoked = new TokenRevocationRequest(metadata.getRevocationEndpointURI(),
                new ClientID(OAuthCalls.GLOBAL), access).toHTTPRequest().send();
        assertEquals(200, revoked.getStatusCode());

        TokenIntrospectionSuccessResponse inactive = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), service(), access).toHTTPRequest().send())
                .toSuccessResponse();
        assertFalse(inactive.isActive());

        HTTPResponse revokedRefresh = new TokenRevocationRequest(metadata.getRevocationEndpointURI(),
                new ClientID(OAuthCalls.GLOBAL), refreshed.getTokens().getRefreshToken()).toHTTPRequest().send();
        assertEquals(200, revokedRefresh.getStatusCode());
        TokenResponse afterRevoke = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientID(OAuthCalls.GLOBAL), new RefreshTokenGrant(refreshed.getTokens().getRefreshToken()), null)
                .toHTTPRequest().send());
        assertFalse(afterRevoke.indicatesSuccess());
        assertEquals("invalid_grant", afterRevoke.toErrorResponse().getErrorObject().getCode());
    }

    @Test
    void errorResponsesParseWithTheirStatus() throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(OAuthCalls.SERVICE), new Secret("wrong-secret-0123456789")),
                new ClientCredentialsGrant(), null).toHTTPRequest().send());

        assertFalse(response.indicatesSuccess());
        TokenErrorResponse error = response.toErrorResponse();
        ErrorObject object = error.getErrorObject();
        assertEquals("invalid_client", object.getCode());
        assertEquals(401, object.getHTTPStatusCode());
    }
}
