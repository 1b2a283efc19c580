package dev.tollgate.impl.server.bootstrap;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.token.Issuer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The web console's own client, {@value #ID}: a built-in first-party public client of this server (authorization
 * code with PKCE S256, no secret, RFC 9700 §2.1.1), upserted at every start beside the declared clients, so that
 * the console at {@code <issuer>/console/} signs people in through the server's own login page, as Keycloak's admin
 * console does. Its only redirect URI is {@code <issuer>/console/}: the page that started the flow, same origin.
 *
 * <p>It skips the consent page: the console is part of the server, and what it may do is what the user may do
 * through the same APIs with their password; asking "allow the console?" would only teach people to click Allow.
 * {@code tollgate.console.enabled=false} leaves it out (a start after that deletes it, like an undeclared client), and
 * the id is reserved: declaring a client {@value #ID} fails the start.
 */
public final class ConsoleClient {

    public static final String ID = "tollgate-console";
    public static final String ENABLED_KEY = "tollgate.console.enabled";
    /** The console's path under the issuer, and its redirect URI there. */
    public static final String PATH = "/console/";
    static final List<String> SCOPES = List.of("openid", "profile", "email");

    private ConsoleClient() {
    }

    /** The console's client for this issuer: its redirect URI is {@code <issuer>/console/}. */
    public static ClientDefinition definition(Issuer issuer) {
        return ClientDefinition.builder(new ClientId(ID))
                .name("Tollgate console")
                .grantTypes(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN)
                .redirectUris(List.of(redirectUri(issuer)))
                .scopes(SCOPES)
                .skipConsent(true)
                .authMethod(ClientAuthMethod.NONE)
                .declared(true)
                .build();
    }

    public static String redirectUri(Issuer issuer) {
        String base = issuer.value().endsWith("/") ? issuer.value().substring(0, issuer.value().length() - 1)
                : issuer.value();
        return base + PATH;
    }

    /**
     * The declared clients plus, unless {@code tollgate.console.enabled} is {@code false}, the console's.
     *
     * @throws ConfigurationException when a declared client takes the reserved id
     */
    public static List<ClientDefinition> withConsole(List<ClientDefinition> declared, ConfigSource config,
                                                     Issuer issuer) {
        Optional<ClientDefinition> taken = declared.stream().filter(client -> client.id().value().equals(ID))
                .findFirst();
        if (taken.isPresent()) {
            throw new ConfigurationException(DeclaredClients.PREFIX + ID + ".*",
                    "the client id " + ID + " is reserved for the built-in console; choose another");
        }
        if (!new Settings(config, "").bool(ENABLED_KEY, true)) {
            return declared;
        }
        List<ClientDefinition> all = new ArrayList<>(declared);
        all.add(definition(issuer));
        return List.copyOf(all);
    }
}
