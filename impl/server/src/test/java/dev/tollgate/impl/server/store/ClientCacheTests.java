package dev.tollgate.impl.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.secret.ClientSecretVerifier;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientStore}'s active-client cache on two nodes sharing one database ({@code nodeA}, {@code nodeB}: two
 * stores with the same bound, as two servers with the same {@code tollgate.server.revocation-cache}): a change made
 * through one node is honoured on the other within the bound, and at once on the node that made it. Run on H2 and
 * PostgreSQL by the subclasses.
 */
abstract class ClientCacheTests extends DatabaseTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final ClientId SERVICE = new ClientId("svc");
    private static final String NEW_SECRET = "a-new-secret-0123456789-abcdefghij";

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private final ClientSecretVerifier verifier = new ClientSecretVerifier(new PasswordHasher(1_000));
    private final AtomicInteger reads = new AtomicInteger();
    private ClientStore nodeA;
    private ClientStore nodeB;

    @BeforeEach
    void twoNodes() {
        reads.set(0);
        nodeA = new ClientStore(dataSource(), clock, verifier, BOUND);
        nodeB = new ClientStore(countingReads(), clock, verifier, BOUND);
        nodeA.upsert(TestClients.confidential(SERVICE.value()).build());
    }

    @Test
    void authenticateWhenCachedThenNoDatabaseRead() {
        assertAuthenticates(nodeB, TestClients.SECRET);
        int afterFirst = reads.get();

        for (int i = 0; i < 10; i++) {
            assertAuthenticates(nodeB, TestClients.SECRET);
            assertTrue(nodeB.findActive(SERVICE).isPresent());
        }

        assertEquals(1, afterFirst);
        assertEquals(afterFirst, reads.get(), "served from the cache");
    }

    @Test
    void authenticateWhenSoftDeletedOnOtherNodeThenRefusedWithinTheBound() {
        assertAuthenticates(nodeB, TestClients.SECRET);

        assertTrue(nodeA.softDelete(SERVICE));
        assertRefused(nodeA, TestClients.SECRET);

        // The documented staleness: node B may still admit the client until its copy is BOUND old, and no longer.
        clock.advance(BOUND.minusMillis(1));
        assertAuthenticates(nodeB, TestClients.SECRET);
        clock.advance(Duration.ofMillis(1));
        assertRefused(nodeB, TestClients.SECRET);
        assertEquals(Optional.empty(), nodeB.findActive(SERVICE));
    }

    @Test
    void findActiveWhenSoftDeletedOnOtherNodeThenGoneWithinTheBound() {
        assertTrue(nodeB.findActive(SERVICE).isPresent());

        nodeA.softDelete(SERVICE);
        clock.advance(BOUND);

        assertEquals(Optional.empty(), nodeB.findActive(SERVICE));
    }

    @Test
    void authenticateWhenSecretRotatedOnOtherNodeThenNewSecretWorksAtOnceAndOldStopsWithinTheBound() {
        assertAuthenticates(nodeB, TestClients.SECRET);

        assertTrue(nodeA.rotateSecret(SERVICE, SecretHash.of(NEW_SECRET), Duration.ZERO).isPresent());

        // A miss against the cached copy reads the database again: the new secret is honoured at once.
        assertAuthenticates(nodeB, NEW_SECRET);
        assertRefused(nodeB, TestClients.SECRET);
        assertRefused(nodeA, TestClients.SECRET);
    }

    @Test
    void authenticateWhenSecretRotatedOnOtherNodeAndCopyStillYoungThenOldSecretStopsWithinTheBound() {
        assertAuthenticates(nodeB, TestClients.SECRET);

        nodeA.rotateSecret(SERVICE, SecretHash.of(NEW_SECRET), Duration.ZERO);

        clock.advance(BOUND.minusMillis(1));
        assertAuthenticates(nodeB, TestClients.SECRET); // the copy of B, read before the rotation
        clock.advance(Duration.ofMillis(1));
        assertRefused(nodeB, TestClients.SECRET);
    }

    @Test
    void authenticateWhenOwnerDisabledOnOtherNodeThenRefusedWithinTheBound() {
        UserStore users = new UserStore(dataSource(), new PasswordHasher(1_000), clock);
        users.create("owner@example.com", "owner password 1".toCharArray(), Set.of());
        ClientId owned = new ClientId("owned");
        nodeA.upsert(TestClients.confidential(owned.value()).owner("owner@example.com").build());
        assertTrue(nodeB.authenticate(owned, TestClients.SECRET).isPresent());

        users.disable("owner@example.com");

        clock.advance(BOUND);
        assertEquals(Optional.empty(), nodeB.authenticate(owned, TestClients.SECRET));
    }

    @Test
    void forgetAllThenChangesSeenAtOnce() {
        assertAuthenticates(nodeB, TestClients.SECRET);
        nodeA.softDelete(SERVICE);

        nodeB.forgetAll();

        assertRefused(nodeB, TestClients.SECRET);
    }

    @Test
    void authenticateWhenUnknownClientThenNotCached() {
        ClientId unknown = new ClientId("nobody");
        nodeB.authenticate(unknown, TestClients.SECRET);
        int afterFirst = reads.get();

        nodeB.authenticate(unknown, TestClients.SECRET);

        assertEquals(afterFirst + 1, reads.get(), "an unknown client is read again");
        nodeA.upsert(TestClients.confidential(unknown.value()).build());
        assertTrue(nodeB.authenticate(unknown, TestClients.SECRET).isPresent(), "created on A: seen at once on B");
    }

    @Test
    void authenticateWhenWrongSecretThenDatabaseReadEveryTime() {
        assertAuthenticates(nodeB, TestClients.SECRET);
        int before = reads.get();

        assertRefused(nodeB, "a-wrong-secret-0123456789");
        assertRefused(nodeB, "a-wrong-secret-0123456789");

        assertEquals(before + 2, reads.get(), "a wrong secret is checked against a fresh read");
    }

    @Test
    void authenticateWhenAuthMethodChangedOnOtherNodeThenHeldToItWithinTheBound() throws SQLException {
        assertTrue(nodeB.authenticate(SERVICE, TestClients.SECRET, ClientAuthMethod.CLIENT_SECRET_POST).isPresent());

        try (Connection connection = dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE clients SET token_endpoint_auth_method = 'client_secret_basic' WHERE client_id = ?")) {
            update.setString(1, SERVICE.value());
            update.executeUpdate();
        }
        clock.advance(BOUND);

        assertEquals(Optional.empty(),
                nodeB.authenticate(SERVICE, TestClients.SECRET, ClientAuthMethod.CLIENT_SECRET_POST));
        assertTrue(nodeB.authenticate(SERVICE, TestClients.SECRET, ClientAuthMethod.CLIENT_SECRET_BASIC).isPresent());
    }

    private void assertAuthenticates(ClientStore node, String secret) {
        assertTrue(node.authenticate(SERVICE, secret, ClientAuthMethod.CLIENT_SECRET_BASIC).isPresent(),
                "authenticated");
    }

    private void assertRefused(ClientStore node, String secret) {
        assertEquals(Optional.empty(), node.authenticate(SERVICE, secret, ClientAuthMethod.CLIENT_SECRET_BASIC));
    }

    /** The test database, counting the client reads made through it. */
    private javax.sql.DataSource countingReads() {
        javax.sql.DataSource target = dataSource();
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(target, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && a[0] instanceof String sql
                                        && sql.startsWith("SELECT") && sql.contains("FROM clients")) {
                                    reads.incrementAndGet();
                                }
                                try {
                                    return m.invoke(connection, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }
}
