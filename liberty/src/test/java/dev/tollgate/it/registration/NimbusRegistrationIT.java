package dev.tollgate.it.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.client.ClientDeleteRequest;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientReadRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.client.ClientUpdateRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import dev.tollgate.it.support.LibertyServer;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An independent client, the Nimbus OAuth 2.0 SDK: its RFC 7591/7592 request classes register, read, update and
 * delete a client, and its parsers accept every response (errors included).
 */
class NimbusRegistrationIT {

    /** Found by RFC 8414 discovery, as a client configured with the issuer alone would. */
    private static final URI REGISTER = discoverRegistrationEndpoint();

    private static URI discoverRegistrationEndpoint() {
        try {
            URI endpoint = AuthorizationServerMetadata.resolve(new Issuer(LibertyServer.baseUrl()))
                    .getRegistrationEndpointURI();
            assertEquals(LibertyServer.uri("/oauth2/register"), endpoint);
            return endpoint;
        } catch (GeneralException | java.io.IOException e) {
            throw new AssertionError("discovery failed", e);
        }
    }

    private static BearerAccessToken initialAccessToken() {
        return new BearerAccessToken(Registrations.clientToken("it-registrar", "it-registrar-secret-0123456789",
                "client:register"));
    }

    private static ClientMetadata metadata(String name) {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName(name);
        metadata.setRedirectionURIs(Set.of(URI.create("https://nimbus.it.tollgate.dev/cb")));
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        metadata.setScope(new Scope("openid", "read"));
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        metadata.setURI(URI.create("https://nimbus.it.tollgate.dev"));
        metadata.applyDefaults();
        return metadata;
    }

    @Test
    void registerReadUpdateAndDeleteWithTheNimbusSdk() throws Exception {
        HTTPResponse created = new ClientRegistrationRequest(REGISTER, metadata("Nimbus app"), initialAccessToken())
                .toHTTPRequest().send();
        ClientRegistrationResponse parsed = ClientRegistrationResponse.parse(created);
        assertTrue(parsed.indicatesSuccess(), created::getBody);
        ClientInformation info = ((ClientInformationResponse) parsed).getClientInformation();
        assertEquals(201, created.getStatusCode());
        assertNotNull(info.getSecret().getValue());
        assertEquals("Nimbus app", info.getMetadata().getName());
        assertEquals(new Scope("openid", "read"), info.getMetadata().getScope());
        URI configuration = info.getRegistrationURI();
        BearerAccessToken registrationToken = info.getRegistrationAccessToken();

        HTTPResponse read = new ClientReadRequest(configuration, registrationToken).toHTTPRequest().send();
        ClientInformation readInfo = ((ClientInformationResponse) ClientRegistrationResponse.parse(read))
                .getClientInformation();
        assertEquals(info.getID(), readInfo.getID());
        assertEquals(Set.of(URI.create("https://nimbus.it.tollgate.dev/cb")), readInfo.getMetadata()
                .getRedirectionURIs());

        ClientMetadata changed = metadata("Nimbus app renamed");
        HTTPResponse updated = new ClientUpdateRequest(configuration, info.getID(), registrationToken, changed,
                info.getSecret()).toHTTPRequest().send();
        ClientRegistrationResponse updateParsed = ClientRegistrationResponse.parse(updated);
        assertTrue(updateParsed.indicatesSuccess(), updated::getBody);
        ClientInformation updatedInfo = ((ClientInformationResponse) updateParsed).getClientInformation();
        assertEquals("Nimbus app renamed", updatedInfo.getMetadata().getName());
        assertNotEquals(registrationToken, updatedInfo.getRegistrationAccessToken());

        HTTPResponse deleted = new ClientDeleteRequest(configuration, updatedInfo.getRegistrationAccessToken())
                .toHTTPRequest().send();
        assertEquals(204, deleted.getStatusCode());

        HTTPResponse gone = new ClientReadRequest(configuration, updatedInfo.getRegistrationAccessToken())
                .toHTTPRequest().send();
        ClientRegistrationResponse goneParsed = ClientRegistrationResponse.parse(gone);
        assertFalse(goneParsed.indicatesSuccess());
        ClientRegistrationErrorResponse error = (ClientRegistrationErrorResponse) goneParsed;
        assertEquals(401, gone.getStatusCode());
        assertEquals(BearerTokenError.INVALID_TOKEN.getCode(), error.getErrorObject().getCode());
    }

    @Test
    void registrationErrorsParseAsRfc7591Errors() throws Exception {
        ClientMetadata bad = metadata("Bad");
        bad.setRedirectionURIs(Set.of(URI.create("http://not-loopback.example/cb")));

        HTTPResponse response = new ClientRegistrationRequest(REGISTER, bad, initialAccessToken()).toHTTPRequest()
                .send();

        ClientRegistrationErrorResponse error = (ClientRegistrationErrorResponse) ClientRegistrationResponse
                .parse(response);
        assertEquals(400, error.getErrorObject().getHTTPStatusCode());
        assertEquals("invalid_redirect_uri", error.getErrorObject().getCode());
    }
}
