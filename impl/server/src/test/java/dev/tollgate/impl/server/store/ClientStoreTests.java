package dev.tollgate.impl.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.secret.ClientSecret;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ClientStore} on a real database; run on H2 and PostgreSQL by the subclasses. */
abstract class ClientStoreTests extends DatabaseTest {

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private ClientStore clients;

    @BeforeEach
    void createStore() {
        clients = new ClientStore(dataSource(), clock);
    }

    @Test
    void upsertThenFindReturnsEveryAttribute() {
        ClientDefinition definition = TestClients.publicApp("web")
                .name("The web app")
                .grantTypes(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.PASSWORD)
                .redirectUris(List.of("https://app.example.com/cb", "http://localhost:8080/cb?x=1"))
                .scopes(List.of("openid", "profile", "items:read"))
                .global(true)
                .skipConsent(true)
                .owner("alice@example.com")
                .accessTokenLifetime(Duration.ofMinutes(15))
                .refreshTokenLifetime(Duration.ofDays(30))
                .build();

        clients.upsert(definition);

        Client client = clients.find(new ClientId("web")).orElseThrow();
        assertEquals(new ClientId("web"), client.id());
        assertEquals("The web app", client.name());
        assertFalse(client.confidential());
        assertEquals(List.of("https://app.example.com/cb", "http://localhost:8080/cb?x=1"), client.redirectUris());
        assertEquals(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.PASSWORD),
                client.grantTypes());
        assertEquals(List.of("openid", "profile", "items:read"), List.copyOf(client.scopes()));
        assertTrue(client.global());
        assertTrue(client.skipConsent());
        assertFalse(client.declared());
        assertEquals(Optional.of("alice@example.com"), client.owner());
        assertEquals(Optional.of(Duration.ofMinutes(15)), client.accessTokenLifetime());
        assertEquals(Optional.of(Duration.ofDays(30)), client.refreshTokenLifetime());
        assertEquals(clock.instant(), client.createdAt());
        assertTrue(client.hasRedirectUri("https://app.example.com/cb"));
        assertFalse(client.hasRedirectUri("https://app.example.com/cb/"));
    }

    @Test
    void upsertWhenClientExistsThenReplacesItsAttributesAndKeepsCreatedAt() {
        clients.upsert(TestClients.confidential("svc").build());
        Instant created = clock.instant();
        clock.advance(Duration.ofHours(1));

        clients.upsert(TestClients.confidential("svc").name("Renamed").scopes(List.of("read"))
                .secretHash(SecretHash.of("another-secret-0123456789")).build());

        Client client = clients.find(new ClientId("svc")).orElseThrow();
        assertEquals("Renamed", client.name());
        assertEquals(Set.of("read"), client.scopes());
        assertEquals(created, client.createdAt());
        assertEquals(clock.instant(), client.updatedAt());
        assertTrue(clients.authenticate(new ClientId("svc"), TestClients.SECRET).isEmpty());
        assertTrue(clients.authenticate(new ClientId("svc"), "another-secret-0123456789").isPresent());
    }

    @Test
    void authenticateWhenSecretMatchesThenClient() {
        ClientSecret secret = new SecretGenerator().clientSecret();
        clients.upsert(TestClients.confidential("svc").secretHash(secret.hash()).build());

        Optional<Client> client = clients.authenticate(new ClientId("svc"), secret.reveal());

        assertEquals("svc", client.orElseThrow().id().value());
        assertTrue(client.get().confidential());
    }

    @Test
    void authenticateWhenSecretWrongThenEmpty() {
        clients.upsert(TestClients.confidential("svc").build());

        assertTrue(clients.authenticate(new ClientId("svc"), TestClients.SECRET + "x").isEmpty());
        assertTrue(clients.authenticate(new ClientId("svc"), "").isEmpty());
        assertTrue(clients.authenticate(new ClientId("svc"), SecretHash.of(TestClients.SECRET).hex()).isEmpty());
    }

    @Test
    void authenticateWhenClientPublicOrUnknownThenEmpty() {
        clients.upsert(TestClients.publicApp("web").build());

        assertTrue(clients.authenticate(new ClientId("web"), "").isEmpty());
        assertTrue(clients.authenticate(new ClientId("web"), "anything").isEmpty());
        assertTrue(clients.authenticate(new ClientId("nobody"), TestClients.SECRET).isEmpty());
    }

    @Test
    void authenticateHoldsAClientToItsRegisteredMethod() {
        clients.upsert(TestClients.confidential("basic").authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).build());
        clients.upsert(TestClients.confidential("post").authMethod(ClientAuthMethod.CLIENT_SECRET_POST).build());
        clients.upsert(TestClients.confidential("either").build());

        assertTrue(clients.authenticate(new ClientId("basic"), TestClients.SECRET, ClientAuthMethod.CLIENT_SECRET_BASIC)
                .isPresent());
        assertTrue(clients.authenticate(new ClientId("basic"), TestClients.SECRET, ClientAuthMethod.CLIENT_SECRET_POST)
                .isEmpty());
        assertTrue(clients.authenticate(new ClientId("post"), TestClients.SECRET, ClientAuthMethod.CLIENT_SECRET_POST)
                .isPresent());
        assertTrue(clients.authenticate(new ClientId("post"), TestClients.SECRET, ClientAuthMethod.CLIENT_SECRET_BASIC)
                .isEmpty());
        assertTrue(clients.authenticate(new ClientId("either"), TestClients.SECRET,
                ClientAuthMethod.CLIENT_SECRET_BASIC).isPresent());
        assertTrue(clients.authenticate(new ClientId("either"), TestClients.SECRET,
                ClientAuthMethod.CLIENT_SECRET_POST).isPresent());
    }

    @Test
    void secretIsStoredOnlyAsItsSha256() throws SQLException {
        clients.upsert(TestClients.confidential("svc").build());

        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT secret_hash FROM clients WHERE client_id = 'svc'");
             ResultSet rows = select.executeQuery()) {
            assertTrue(rows.next());
            assertEquals(SecretHash.of(TestClients.SECRET).hex(), rows.getString(1));
        }
    }

    @Test
    void softDeleteThenTheClientIsGoneButItsIdStaysTaken() throws SQLException {
        clients.upsert(TestClients.confidential("svc").build());

        assertTrue(clients.softDelete(new ClientId("svc")));

        assertTrue(clients.find(new ClientId("svc")).isEmpty());
        assertTrue(clients.authenticate(new ClientId("svc"), TestClients.SECRET).isEmpty());
        assertFalse(clients.softDelete(new ClientId("svc")));
        assertFalse(clients.softDelete(new ClientId("nobody")));
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT deleted_at FROM clients WHERE client_id = 'svc'");
             ResultSet rows = select.executeQuery()) {
            assertTrue(rows.next(), "the row stays");
            assertEquals(clock.instant(), Sql.getInstant(rows, "deleted_at"));
        }
    }

    @Test
    void upsertWhenClientSoftDeletedThenRestoresIt() {
        clients.upsert(TestClients.confidential("svc").build());
        clients.softDelete(new ClientId("svc"));

        clients.upsert(TestClients.confidential("svc").build());

        assertTrue(clients.find(new ClientId("svc")).isPresent());
    }

    @Test
    void listByOwnerPaginatesTheOwnersLiveClientsWithTheirTotal() {
        for (int i = 1; i <= 12; i++) {
            clients.upsert(TestClients.confidential(String.format("alice-%02d", i)).owner("alice@example.com").build());
            clock.advance(Duration.ofSeconds(1));
        }
        clients.upsert(TestClients.confidential("bob-1").owner("bob@example.com").build());
        clients.upsert(TestClients.confidential("unowned").build());
        clients.softDelete(new ClientId("alice-12"));

        Page<Client> first = clients.listByOwner("alice@example.com", new PageRequest(1, 5));
        Page<Client> last = clients.listByOwner("alice@example.com", new PageRequest(3, 5));

        assertEquals(11, first.total());
        assertEquals(3, first.totalPages());
        assertEquals(IntStream.rangeClosed(1, 5).mapToObj(i -> String.format("alice-%02d", i)).toList(),
                first.items().stream().map(c -> c.id().value()).toList());
        assertEquals(List.of("alice-11"), last.items().stream().map(c -> c.id().value()).toList());
        assertEquals(1, clients.listByOwner("bob@example.com", PageRequest.first()).total());
        assertEquals(0, clients.listByOwner("carol@example.com", PageRequest.first()).total());
    }

    @Test
    void listGlobalReturnsOnlyLiveGlobalClientsByName() {
        clients.upsert(TestClients.publicApp("b").name("Beta").global(true).build());
        clients.upsert(TestClients.publicApp("a").name("Alpha").global(true).build());
        clients.upsert(TestClients.publicApp("c").name("Gone").global(true).build());
        clients.upsert(TestClients.publicApp("d").name("Third party").build());
        clients.softDelete(new ClientId("c"));

        assertEquals(List.of("a", "b"), clients.listGlobal().stream().map(c -> c.id().value()).toList());
    }

    @Test
    void declaredIdsListsOnlyLiveDeclaredClients() {
        clients.upsert(TestClients.confidential("declared-1").declared(true).build());
        clients.upsert(TestClients.confidential("declared-2").declared(true).build());
        clients.upsert(TestClients.confidential("registered").build());
        clients.softDelete(new ClientId("declared-2"));

        assertEquals(Set.of(new ClientId("declared-1")), clients.declaredIds());
    }
}
