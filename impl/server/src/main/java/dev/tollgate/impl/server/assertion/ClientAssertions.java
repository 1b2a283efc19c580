package dev.tollgate.impl.server.assertion;

import com.nimbusds.jose.jwk.JWKSet;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code private_key_jwt} client authentication (RFC 7523 §2.2): finds the active client, which must be registered
 * with that method, takes its keys (its {@code jwks}, or its {@code jwks_uri} through {@link JwksUriKeys}), and
 * lets the {@link ClientAssertionVerifier} check the assertion. Thread-safe.
 */
public final class ClientAssertions {

    private static final Logger LOG = Logger.getLogger(ClientAssertions.class.getName());

    private final ClientStore clients;
    private final ClientAssertionVerifier verifier;
    private final JwksUriKeys remoteKeys;

    public ClientAssertions(ClientStore clients, ClientAssertionVerifier verifier, JwksUriKeys remoteKeys) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.remoteKeys = Objects.requireNonNull(remoteKeys, "remoteKeys");
    }

    public ClientAssertionSettings settings() {
        return verifier.settings();
    }

    /**
     * @param audience this server's issuer identifier
     * @return the client when the assertion proves it; empty for any failure (logged at FINE)
     * @throws JwksUriKeys.UnreachableException when the client's {@code jwks_uri} cannot be read now
     */
    public Optional<Client> authenticate(ClientId id, String assertion, String audience)
            throws JwksUriKeys.UnreachableException {
        Optional<ClientStore.ClientKeys> registered = clients.keysOf(id);
        if (registered.isEmpty()) {
            LOG.fine(() -> "client assertion refused: client " + id.value() + " is unknown, inactive or not a"
                    + " private_key_jwt client");
            return Optional.empty();
        }
        ClientStore.ClientKeys keys = registered.get();
        Optional<JWKSet> set;
        if (keys.jwks().isPresent()) {
            set = Optional.of(ClientJwks.parse(keys.jwks().get()));
        } else {
            set = remoteKeys.keys(keys.jwksUri().orElseThrow());
        }
        if (set.isEmpty()) {
            LOG.fine(() -> "client assertion refused: the jwks_uri of client " + id.value() + " is not allowed");
            return Optional.empty();
        }
        return verifier.verify(id, assertion, set.get(), audience).accepted() ? Optional.of(keys.client())
                : Optional.empty();
    }
}
