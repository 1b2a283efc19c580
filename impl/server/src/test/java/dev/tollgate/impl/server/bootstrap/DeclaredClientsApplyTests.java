package dev.tollgate.impl.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.testing.LogCapture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Declared clients reaching the database; run on H2 and PostgreSQL by the subclasses. */
abstract class DeclaredClientsApplyTests extends DatabaseTest {

    private static final String SECRET = "declared-secret-0123456789";
    /** Fewer iterations than production, for speed; a stored hash records its own. */
    private static final PasswordHasher HASHER = new PasswordHasher(1000);
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
            DeclaredClients.apply(DeclaredClients.load(ConfigSource.of(keys), keys.keySet()), clients, HASHER);

            assertTrue(clients.authenticate(new ClientId("svc"), SECRET).orElseThrow().declared());
            assertTrue(logs.all().contains("svc"));
            assertFalse(logs.all().contains(SECRET));
        }
    }

    @Test
    void declaredSecretIsStoredSaltedAndSlowNotAsItsSha256() throws SQLException {
        Map<String, String> keys = Map.of("tollgate.clients.svc.secret", SECRET,
                "tollgate.clients.svc.grants", "client_credentials");
        List<ClientDefinition> declared = DeclaredClients.load(ConfigSource.of(keys), keys.keySet());

        DeclaredClients.apply(declared, clients, HASHER);
        String first = storedSecret("svc");
        DeclaredClients.apply(declared, clients, HASHER);
        String second = storedSecret("svc");

        assertTrue(first.startsWith("pbkdf2-sha256$1000$"), first);
        assertFalse(first.contains(SecretHash.of(SECRET).hex()));
        assertNotEquals(first, second, "a fresh salt at every start");
        assertTrue(clients.authenticate(new ClientId("svc"), SECRET).isPresent());
        assertTrue(clients.authenticate(new ClientId("svc"), SECRET + "x").isEmpty());
    }

    @Test
    void declaredSecretGivenAsItsSha256AuthenticatesWithTheSecret() throws SQLException {
        Map<String, String> keys = Map.of("tollgate.clients.svc.secret-sha256", SecretHash.of(SECRET).hex(),
                "tollgate.clients.svc.grants", "client_credentials");

        DeclaredClients.apply(DeclaredClients.load(ConfigSource.of(keys), keys.keySet()), clients, HASHER);

        assertTrue(storedSecret("svc").startsWith("pbkdf2-sha256$"));
        assertTrue(clients.authenticate(new ClientId("svc"), SECRET).isPresent());
        assertTrue(clients.authenticate(new ClientId("svc"), SecretHash.of(SECRET).hex()).isEmpty());
    }

    @Test
    void rowStoredBeforeSaltingStillAuthenticatesAndIsSaltedAtTheNextStart() throws SQLException {
        // What an earlier version wrote for a declared client: the bare SHA-256 of the operator's secret.
        ClientDefinition old = ClientDefinition.builder(new ClientId("legacy")).secretHash(SecretHash.of(SECRET))
                .grantTypes(GrantType.CLIENT_CREDENTIALS).declared(true).build();
        clients.upsert(old);
        assertEquals(SecretHash.of(SECRET).hex(), storedSecret("legacy"));
        assertTrue(clients.authenticate(new ClientId("legacy"), SECRET).isPresent());

        DeclaredClients.apply(List.of(old), clients, HASHER);

        assertTrue(storedSecret("legacy").startsWith("pbkdf2-sha256$"), storedSecret("legacy"));
        assertTrue(clients.authenticate(new ClientId("legacy"), SECRET).isPresent());
    }

    private String storedSecret(String clientId) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT secret_hash FROM clients WHERE client_id = ?")) {
            select.setString(1, clientId);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next());
                return rows.getString(1);
            }
        }
    }

    @Test
    void applyOnEveryStartUpdatesChangedClientsAndDeletesThoseNoLongerDeclared() {
        clients.upsert(ClientDefinition.builder(new ClientId("registered")).secretHash(null)
                .grantTypes(GrantType.PASSWORD).build());
        DeclaredClients.apply(List.of(declared("a", "First"), declared("b", "Second")), clients, HASHER);

        DeclaredClients.Result result = DeclaredClients.apply(List.of(declared("a", "Renamed")), clients, HASHER);

        assertEquals(List.of(new ClientId("a")), result.upserted());
        assertEquals(List.of(new ClientId("b")), result.removed());
        assertEquals("Renamed", clients.find(new ClientId("a")).orElseThrow().name());
        assertTrue(clients.find(new ClientId("b")).isEmpty());
        assertTrue(clients.find(new ClientId("registered")).isPresent(), "registered clients are not touched");
    }

    @Test
    void applyWhenAClientIsDeclaredAgainThenItIsRestored() {
        DeclaredClients.apply(List.of(declared("a", "First")), clients, HASHER);
        DeclaredClients.apply(List.of(), clients, HASHER);
        assertTrue(clients.find(new ClientId("a")).isEmpty());

        DeclaredClients.apply(List.of(declared("a", "First")), clients, HASHER);

        assertTrue(clients.find(new ClientId("a")).isPresent());
    }

    private static ClientDefinition declared(String id, String name) {
        return ClientDefinition.builder(new ClientId(id)).name(name).grantTypes(GrantType.PASSWORD).declared(true)
                .build();
    }
}
