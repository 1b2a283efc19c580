package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.protocol.ClientAuthentication;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a client's authentication (RFC 6749 §2.3) against the {@link ClientStore}:
 * <ul>
 *   <li>{@code client_secret_basic} and {@code client_secret_post}: a confidential client whose secret matches
 *       (compared in constant time by the store);</li>
 *   <li>{@code none}: a public client naming itself with {@code client_id}, where the endpoint allows it. A
 *       confidential client must always authenticate.</li>
 * </ul>
 * Every failure is {@code invalid_client} (401) with the same description, so the answer does not tell an unknown
 * client from a wrong secret. It carries {@code WWW-Authenticate: Basic} always: RFC 6749 §5.2 requires it when
 * Basic was used, and RFC 9110 §15.5.2 requires a challenge on every 401.
 */
public final class ClientAuthenticator {

    private static final String FAILED = "client authentication failed";

    private final ClientStore clients;

    public ClientAuthenticator(ClientStore clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /**
     * @param allowPublic whether a public client may present only its {@code client_id}
     * @throws OAuthException invalid_client
     */
    public Client authenticate(ClientAuthentication authentication, boolean allowPublic) {
        Optional<Client> client;
        if (authentication instanceof ClientAuthentication.Basic basic) {
            client = clients.authenticate(basic.id(), basic.secret());
        } else if (authentication instanceof ClientAuthentication.Post post) {
            client = clients.authenticate(post.id(), post.secret());
        } else if (authentication instanceof ClientAuthentication.PublicClient named) {
            client = allowPublic ? clients.findActive(named.id()).filter(c -> !c.confidential()) : Optional.empty();
        } else {
            client = Optional.empty();
        }
        return client.orElseThrow(() -> new OAuthException(OAuthError.INVALID_CLIENT, FAILED, true));
    }
}
