package dev.tollgate.impl.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.Page;
import dev.tollgate.impl.server.store.PageRequest;
import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client listings with 100,000 clients in the database: half of them owned by one user, the rest by 1,000
 * others, and every 100th deleted (1,000 of the big owner's). Asserts the pages' contents; prints the time of a first and a deep page (the
 * performance notes quote them) without asserting it.
 */
abstract class ClientListingScaleTests extends DatabaseTest {

    static final int CLIENTS = 100_000;
    static final String BIG_OWNER = "big@example.com";
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private ClientStore clients;

    @BeforeEach
    void seed() throws SQLException {
        clients = new ClientStore(dataSource(), Clock.fixed(START, ZoneOffset.UTC));
        long started = System.nanoTime();
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO clients (client_id, name,"
                    + " secret_hash, redirect_uris, grant_types, scopes, is_global, skip_consent, declared, owner,"
                    + " created_at, updated_at, deleted_at) VALUES (?, ?, NULL, '', 'client_credentials', 'read',"
                    + " FALSE, FALSE, FALSE, ?, ?, ?, ?)")) {
                for (int i = 0; i < CLIENTS; i++) {
                    Instant created = START.plusSeconds(i);
                    insert.setString(1, String.format("c%06d", i));
                    insert.setString(2, "client " + i);
                    insert.setString(3, i % 2 == 0 ? BIG_OWNER : "user" + (i % 1000) + "@example.com");
                    Sql.setInstant(insert, 4, created);
                    Sql.setInstant(insert, 5, created);
                    Sql.setInstant(insert, 6, i % 100 == 0 ? created : null);
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            if (engine() == TestDatabase.Engine.POSTGRESQL) {
                try (Statement analyze = connection.createStatement()) {
                    analyze.execute("ANALYZE clients");
                }
                connection.commit();
            }
        }
        System.out.printf("[scale %s] seeded %,d clients in %d ms%n", engine(), CLIENTS,
                (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void ownerAndAdminListingsAreCorrectOnTheFirstAndADeepPage() {
        // The big owner has the even clients; every 100th (multiples of 100, all even) is deleted: 49,000 live.
        Page<Client> first = timed("owner page 1", () -> clients.listByOwner(BIG_OWNER, new PageRequest(1, 10)));
        assertEquals(49_000, first.total());
        assertEquals("c000002", first.items().get(0).id().value());
        assertEquals(10, first.items().size());

        Page<Client> deep = timed("owner page 4900", () -> clients.listByOwner(BIG_OWNER,
                new PageRequest(4900, 10)));
        assertEquals(10, deep.items().size());
        assertEquals("c099998", deep.items().get(9).id().value());

        Page<Client> small = timed("small owner page 1", () -> clients.listByOwner("user1@example.com",
                new PageRequest(1, 100)));
        assertEquals(100, small.total());

        Page<Client> all = timed("all page 1", () -> clients.listAll(new PageRequest(1, 100)));
        assertEquals(99_000, all.total());
        assertEquals("c000001", all.items().get(0).id().value());

        Page<Client> allDeep = timed("all page 990", () -> clients.listAll(new PageRequest(990, 100)));
        assertEquals(100, allDeep.items().size());
        assertEquals("c099999", allDeep.items().get(99).id().value());
    }

    private <T> T timed(String what, Supplier<T> call) {
        call.get(); // warm-up: statement caches, JIT
        long best = Long.MAX_VALUE;
        T result = null;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            result = call.get();
            best = Math.min(best, System.nanoTime() - started);
        }
        System.out.printf("[scale %s] %s: best of 5 %.2f ms%n", engine(), what, best / 1e6);
        return result;
    }
}
