package dev.tollgate.impl.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.token.Issuer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleClientTest {

    static final Issuer ISSUER = new Issuer("https://auth.example.com");

    @Test
    void definitionWhenBuiltThenPublicFirstPartyCodeClientOfTheConsolePage() {
        ClientDefinition console = ConsoleClient.definition(ISSUER);
        assertEquals(new ClientId("tollgate-console"), console.id());
        assertEquals(List.of("https://auth.example.com/console/"), List.copyOf(console.redirectUris()));
        assertEquals(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), Set.copyOf(console.grantTypes()));
        assertTrue(console.secretHash().isEmpty(), "public: no secret");
        assertEquals(Optional.of(ClientAuthMethod.NONE), console.authMethod());
        assertTrue(console.skipConsent());
        assertTrue(console.declared(), "retired like a declared client when turned off");
        assertEquals(ConsoleClient.redirectUri(new Issuer("https://auth.example.com/")),
                "https://auth.example.com/console/");
    }

    @Test
    void withConsoleWhenEnabledByDefaultThenAddedAndWhenOffThenLeftOut() {
        ClientDefinition other = ClientDefinition.builder(new ClientId("app")).name("App")
                .grantTypes(GrantType.PASSWORD).build();
        List<ClientDefinition> all = ConsoleClient.withConsole(List.of(other), ConfigSource.of(Map.of()), ISSUER);
        assertEquals(List.of("app", "tollgate-console"), all.stream().map(c -> c.id().value()).toList());
        assertEquals(List.of(other), ConsoleClient.withConsole(List.of(other),
                ConfigSource.of(Map.of("tollgate.console.enabled", "false")), ISSUER));
    }

    @Test
    void withConsoleWhenIdDeclaredThenStartFailsNamingTheKey() {
        ClientDefinition taken = ClientDefinition.builder(new ClientId("tollgate-console")).name("Mine")
                .grantTypes(GrantType.PASSWORD).build();
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConsoleClient.withConsole(List.of(taken), ConfigSource.of(Map.of()), ISSUER));
        assertTrue(e.getMessage().contains("tollgate.clients.tollgate-console"), e.getMessage());
    }
}
