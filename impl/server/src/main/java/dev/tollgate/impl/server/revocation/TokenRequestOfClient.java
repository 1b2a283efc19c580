package dev.tollgate.impl.server.revocation;

import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.grant.ClientAuthenticator;
import dev.tollgate.impl.server.protocol.ClientAuthentication;
import dev.tollgate.impl.server.protocol.Parameters;
import dev.tollgate.impl.server.protocol.RequestBody;
import dev.tollgate.impl.server.protocol.RequestParseException;
import dev.tollgate.impl.server.store.Client;
import java.util.Optional;
import java.util.Set;

/**
 * The common first half of revocation (RFC 7009 §2.1) and introspection (RFC 7662 §2.1): parse the form, authenticate
 * the client as at the token endpoint, and take the {@code token} parameter.
 *
 * @param client the authenticated client
 * @param token the token to revoke or introspect
 */
record TokenRequestOfClient(Client client, String token) {

    /** @throws OAuthException invalid_request (malformed body, no token), invalid_client */
    static TokenRequestOfClient parse(ClientAuthenticator authenticator, boolean allowPublicClients,
                                      Optional<String> authorization, String contentType, String body) {
        Parameters parameters;
        ClientAuthentication authentication;
        try {
            parameters = Parameters.of(RequestBody.parse(contentType, body), Set.of());
            authentication = ClientAuthentication.parse(authorization, parameters);
        } catch (RequestParseException e) {
            throw e.toOAuthException();
        }
        Client client = authenticator.authenticate(authentication, allowPublicClients);
        try {
            // token (REQUIRED); token_type_hint (OPTIONAL) is not needed: the token's form tells which kind it is.
            return new TokenRequestOfClient(client, parameters.required("token"));
        } catch (RequestParseException e) {
            throw e.toOAuthException();
        }
    }
}
