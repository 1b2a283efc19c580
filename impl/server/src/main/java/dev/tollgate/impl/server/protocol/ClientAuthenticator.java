package dev.tollgate.impl.server.protocol;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import com.nimbusds.jose.JWSAlgorithm;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.server.assertion.ClientAssertions;
import dev.tollgate.impl.server.assertion.JwksUriKeys;
import dev.tollgate.impl.server.secret.SecretCheckBusyException;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a client's authentication (RFC 6749 §2.3) against the {@link ClientStore}:
 * <ul>
 *   <li>{@code client_secret_basic} and {@code client_secret_post}: a confidential client whose secret matches
 *       (compared in constant time by the store), presented by its registered {@code token_endpoint_auth_method}
 *       when it has one (RFC 7591 §2);</li>
 *   <li>{@code private_key_jwt} (RFC 7523 §2.2): a client registered with that method, proving itself with a JWT
 *       signed by one of its registered keys ({@link ClientAssertions}), with this server's issuer as audience;</li>
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
    private final Optional<ClientAssertions> assertions;
    private final String issuer;

    /** An authenticator that refuses client assertions. */
    public ClientAuthenticator(ClientStore clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.assertions = Optional.empty();
        this.issuer = "";
    }

    /**
     * @param assertions checks {@code private_key_jwt} assertions
     * @param issuer     this server's issuer identifier: the audience an assertion must name
     */
    public ClientAuthenticator(ClientStore clients, ClientAssertions assertions, String issuer) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.assertions = Optional.of(assertions);
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /** The signing algorithms accepted in client assertions, for discovery; empty when none are. */
    public List<String> assertionAlgorithms() {
        return assertions.map(a -> a.settings().algorithms().stream().map(JWSAlgorithm::getName).sorted().toList())
                .orElse(List.of());
    }

    /**
     * The first step of the token (RFC 6749 §3.2), revocation (RFC 7009 §2.1) and introspection (RFC 7662 §2.1)
     * endpoints: reads the body (form or JSON) and the client authentication it carries with the
     * {@code Authorization} header, and checks it.
     *
     * @param authorization the Authorization header, if any
     * @param contentType   the Content-Type header, or null
     * @param multiValued   the parameters that may be repeated (RFC 8707's {@code resource} at the token endpoint)
     * @param allowPublic   whether a public client may present only its {@code client_id}
     * @throws OAuthException invalid_request (a malformed body or client authentication), invalid_client
     */
    public AuthenticatedRequest authenticate(Optional<String> authorization, String contentType, String body,
                                             Set<String> multiValued, boolean allowPublic) {
        Parameters parameters;
        ClientAuthentication authentication;
        try {
            parameters = Parameters.of(RequestBody.parse(contentType, body), multiValued);
            authentication = ClientAuthentication.parse(authorization, parameters);
        } catch (RequestParseException e) {
            throw e.toOAuthException();
        }
        return new AuthenticatedRequest(authenticate(authentication, allowPublic), parameters);
    }

    /**
     * @param allowPublic whether a public client may present only its {@code client_id}
     * @throws OAuthException invalid_client; temporarily_unavailable (503, {@code Retry-After}) when the server is
     *                        too busy checking salted secrets to check this one ({@link SecretCheckBusyException})
     */
    public Client authenticate(ClientAuthentication authentication, boolean allowPublic) {
        Optional<Client> client;
        if (authentication instanceof ClientAuthentication.Basic basic) {
            client = checkSecret(basic.id(), basic.secret(), ClientAuthMethod.CLIENT_SECRET_BASIC);
        } else if (authentication instanceof ClientAuthentication.Post post) {
            client = checkSecret(post.id(), post.secret(), ClientAuthMethod.CLIENT_SECRET_POST);
        } else if (authentication instanceof ClientAuthentication.Assertion assertion) {
            client = checkAssertion(assertion);
        } else if (authentication instanceof ClientAuthentication.PublicClient named) {
            client = allowPublic ? clients.findActive(named.id()).filter(c -> !c.confidential()) : Optional.empty();
        } else {
            client = Optional.empty();
        }
        return client.orElseThrow(() -> new OAuthException(OAuthError.INVALID_CLIENT, FAILED, true));
    }

    private Optional<Client> checkAssertion(ClientAuthentication.Assertion assertion) {
        if (assertions.isEmpty()) {
            return Optional.empty();
        }
        try {
            return assertions.get().authenticate(assertion.id(), assertion.assertion(), issuer);
        } catch (JwksUriKeys.UnreachableException e) {
            // Not a verdict on the client: its key source cannot be read now (STYLE: an unreachable key source is a
            // 503, anything wrong with the token a 401).
            throw OAuthException.retryAfter(OAuthError.TEMPORARILY_UNAVAILABLE,
                    "the client's keys cannot be read now; try again shortly", 5);
        }
    }

    private Optional<Client> checkSecret(ClientId id, String secret, ClientAuthMethod method) {
        try {
            return clients.authenticate(id, secret, method);
        } catch (SecretCheckBusyException e) {
            // Not a verdict on the secret: the client should retry, not give up on its credentials.
            throw OAuthException.retryAfter(OAuthError.TEMPORARILY_UNAVAILABLE,
                    "the server is too busy to check the client secret now; try again shortly", 1);
        }
    }
}
