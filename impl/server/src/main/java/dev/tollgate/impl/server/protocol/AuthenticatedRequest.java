package dev.tollgate.impl.server.protocol;

import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.store.Client;
import java.util.Objects;

/**
 * A protocol request whose body was read and whose client authenticated (RFC 6749 §2.3), as
 * {@link ClientAuthenticator#authenticate(java.util.Optional, String, String, java.util.Set, boolean)} returns it.
 *
 * @param client     the authenticated client
 * @param parameters the body's parameters, checked once (none repeated but the multi-valued ones)
 */
public record AuthenticatedRequest(Client client, Parameters parameters) {

    public AuthenticatedRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** @throws OAuthException invalid_request when the parameter is missing */
    public String required(String name) {
        try {
            return parameters.required(name);
        } catch (RequestParseException e) {
            throw e.toOAuthException();
        }
    }
}
