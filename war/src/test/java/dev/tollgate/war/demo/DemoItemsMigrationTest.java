package dev.tollgate.war.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** V2__demo_items.sql on H2 2.3, as Flyway runs it at start-up. (PostgreSQL 15 runs it too: see the script.) */
class DemoItemsMigrationTest {

    private final DemoDatabase database = DemoDatabase.open();

    private long single(String sql) throws SQLException {
        try (Connection connection = database.dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void migrationAppliesAsVersion2() {
        assertEquals(1, database.migration.migrationsExecuted);
        assertEquals("2", database.migration.targetSchemaVersion);
    }

    @Test
    void seedsTwoHundredFiftyItemsNumberedOneToTwoHundredFifty() throws SQLException {
        assertEquals(250, single("SELECT COUNT(*) FROM demo_item"));
        assertEquals(1, single("SELECT MIN(id) FROM demo_item"));
        assertEquals(250, single("SELECT MAX(id) FROM demo_item"));
        assertEquals(250, single("SELECT COUNT(DISTINCT id) FROM demo_item"));
    }

    @Test
    void everyItemIsNamedAfterItsId() throws SQLException {
        assertEquals(0, single("SELECT COUNT(*) FROM demo_item WHERE name <> 'Item ' || id"));
        assertEquals(0, single("SELECT COUNT(*) FROM demo_item WHERE name IS NULL"));
    }

    @Test
    void idIsThePrimaryKey() throws SQLException {
        try (Connection connection = database.dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class,
                    () -> statement.executeUpdate("INSERT INTO demo_item (id, name) VALUES (1, 'again')"));
        }
    }

    @Test
    void runningTheMigrationsAgainChangesNothing() throws SQLException {
        assertEquals(0, DemoDatabase.migrate(database.dataSource).migrationsExecuted);
        assertEquals(250, single("SELECT COUNT(*) FROM demo_item"));
    }
}
