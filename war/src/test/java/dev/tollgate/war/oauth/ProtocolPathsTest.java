package dev.tollgate.war.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.protocol.ServerEndpoints;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WAR tells the server where its protocol endpoints are: below the issuer, at the resources' paths. */
class ProtocolPathsTest {

    @Test
    void endpointsAreTheIssuerPlusTheResourcePaths() {
        String issuer = "https://as.example/tenant";

        assertEquals(new ServerEndpoints(issuer, URI.create(issuer + "/oauth2/authorize"),
                URI.create(issuer + "/oauth2/token"), URI.create(issuer + "/oauth2/jwks"),
                URI.create(issuer + "/oauth2/revoke"), URI.create(issuer + "/oauth2/introspect"),
                URI.create(issuer + "/oauth2/userinfo"), URI.create(issuer + "/oauth2/register")),
                ProtocolPaths.endpoints(issuer));
    }

    @Test
    void everyProtocolEndpointAnswersOAuthErrorsButTheClientListing() {
        for (String path : List.of(ProtocolPaths.AUTHORIZE, ProtocolPaths.TOKEN, ProtocolPaths.JWKS,
                ProtocolPaths.REVOKE, ProtocolPaths.INTROSPECT, ProtocolPaths.USERINFO, ProtocolPaths.REGISTER)) {
            assertTrue(ProtocolPaths.answersOAuthErrors(path), path);
        }
        assertFalse(ProtocolPaths.answersOAuthErrors("/oauth2/clients"));
    }
}
