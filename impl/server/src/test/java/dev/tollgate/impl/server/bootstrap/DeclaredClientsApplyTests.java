package dev.tollgate.impl.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.testing.LogCapture;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Declared clients reaching the database; run on H2 and PostgreSQL by the subclasses. */
abstract class DeclaredClientsApplyTests extends DatabaseTest {

    private static final String SECRET = "declared-secret-0123456789";
    private ClientStore clients;

    @BeforeEach
    void createStore() {
        clients = new ClientStore(dataSource(), Clock.systemUTC());
    }

    @Test
    void declaredClientCanAuthenticateWithItsSecretWhichIsNeverLogged() {
        Map<String, String> keys = Map.of("tollgate.clients.svc.secret", SECRET,
                "tollgate.clients.svc.grants", "client_credentials");
        try (LogCapture logs = new LogCapture()) {
            DeclaredClients.apply(DeclaredClients.load(ConfigSource.of(keys), keys.keySet()), clients);

            assertTrue(clients.authenticate(new ClientId("svc"), SECRET).orElseThrow().declared());
            assertTrue(logs.all().contains("svc"));
            assertFalse(logs.all().contains(SECRET));
        }
    }

    @Test
    void applyOnEveryStartUpdatesChangedClientsAndDeletesThoseNoLongerDeclared() {
        clients.upsert(ClientDefinition.builder(new ClientId("registered")).secretHash(null)
                .grantTypes(GrantType.PASSWORD).build());
        DeclaredClients.apply(List.of(declared("a", "First"), declared("b", "Second")), clients);

        DeclaredClients.Result result = DeclaredClients.apply(List.of(declared("a", "Renamed")), clients);

        assertEquals(List.of(new ClientId("a")), result.upserted());
        assertEquals(List.of(new ClientId("b")), result.removed());
        assertEquals("Renamed", clients.find(new ClientId("a")).orElseThrow().name());
        assertTrue(clients.find(new ClientId("b")).isEmpty());
        assertTrue(clients.find(new ClientId("registered")).isPresent(), "registered clients are not touched");
    }

    @Test
    void applyWhenAClientIsDeclaredAgainThenItIsRestored() {
        DeclaredClients.apply(List.of(declared("a", "First")), clients);
        DeclaredClients.apply(List.of(), clients);
        assertTrue(clients.find(new ClientId("a")).isEmpty());

        DeclaredClients.apply(List.of(declared("a", "First")), clients);

        assertTrue(clients.find(new ClientId("a")).isPresent());
    }

    private static ClientDefinition declared(String id, String name) {
        return ClientDefinition.builder(new ClientId(id)).name(name).grantTypes(GrantType.PASSWORD).declared(true)
                .build();
    }
}
