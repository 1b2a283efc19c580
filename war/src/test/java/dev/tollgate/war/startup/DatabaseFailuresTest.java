package dev.tollgate.war.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void connectionRefusedIsAnOutage() {
        assertTrue(DatabaseFailures.unreachable(new StoreException("connect",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"))));
    }

    @Test
    void connectionLostOrDatabaseStartingIsAnOutage() {
        assertTrue(DatabaseFailures.unreachable(new SQLException("I/O error", "08006")));
        assertTrue(DatabaseFailures.unreachable(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseFailures.unreachable(new SQLException("terminating connection", "57P01")));
    }

    @Test
    void aPoolWaitTimeoutIsAnOutage() {
        assertTrue(DatabaseFailures.unreachable(new RuntimeException("Flyway",
                new SQLTransientConnectionException("no connection within 5 s"))));
    }

    @Test
    void aFailedMigrationIsNotAnOutage() {
        assertFalse(DatabaseFailures.unreachable(new StoreException("migrate",
                new SQLException("syntax error at or near", "42601"))));
        assertFalse(DatabaseFailures.unreachable(new IllegalStateException("Validate failed: checksum mismatch")));
    }

    @Test
    void anUndecryptableKeyIsNotAnOutage() {
        assertFalse(DatabaseFailures.unreachable(new ConfigurationException("tollgate.keys.encryption-key",
                "cannot decrypt signing key")));
    }

    @Test
    void describeNamesTheStateAndTheClassButNeverTheMessage() {
        String described = DatabaseFailures.describe(new StoreException("connect",
                new SQLException("Connection to db.internal:5432 refused, password=hunter2", "08001")));

        assertEquals("SQL state 08001, java.sql.SQLException", described);
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException first = new RuntimeException("a");
        RuntimeException second = new RuntimeException("b", first);
        first.initCause(second);

        assertFalse(DatabaseFailures.unreachable(first));
    }
}
