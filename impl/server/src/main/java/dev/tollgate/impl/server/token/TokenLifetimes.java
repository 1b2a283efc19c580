package dev.tollgate.impl.server.token;

import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.key.KeySettings;
import dev.tollgate.impl.server.store.ClientDefinition;
import java.time.Duration;
import java.util.Collection;

/**
 * The start-up check that no access token (nor the ID Token, which has the same lifetime) outlives the key that
 * verifies it: a retired signing key leaves the JWKS {@code tollgate.keys.max-token-lifetime} after it stops
 * signing, so a token with a longer lifetime would stop verifying before it expires, at random for its holder.
 */
public final class TokenLifetimes {

    private TokenLifetimes() {
    }

    /**
     * @param declared the clients declared in configuration; a client registered at run time cannot choose its
     *                 lifetime
     * @throws ConfigurationException naming {@code tollgate.server.access-token-lifetime} or the client's
     *                                {@code tollgate.clients.<id>.access-token-lifetime}
     */
    public static void requireWithinKeyRetention(TokenSettings tokens, KeySettings keys,
                                                 Collection<ClientDefinition> declared) {
        Duration max = keys.maxTokenLifetime();
        if (tokens.accessTokenLifetime().compareTo(max) > 0) {
            throw new ConfigurationException(TokenSettings.PREFIX + "access-token-lifetime", exceeds(
                    tokens.accessTokenLifetime(), max));
        }
        for (ClientDefinition client : declared) {
            client.accessTokenLifetime().filter(lifetime -> lifetime.compareTo(max) > 0).ifPresent(lifetime -> {
                throw new ConfigurationException("tollgate.clients." + client.id().value() + ".access-token-lifetime",
                        exceeds(lifetime, max) + " (declared in MicroProfile Config or in tollgate.clients.file)");
            });
        }
    }

    private static String exceeds(Duration lifetime, Duration max) {
        return "is " + lifetime + ", longer than " + KeySettings.PREFIX + "max-token-lifetime (" + max + "): its"
                + " tokens would outlive the signing key in the JWKS; shorten it or raise "
                + KeySettings.PREFIX + "max-token-lifetime";
    }
}
