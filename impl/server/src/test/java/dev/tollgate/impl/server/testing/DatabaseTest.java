package dev.tollgate.impl.server.testing;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the tests that run the same cases on H2 and on PostgreSQL: a subclass per engine says which. Each test
 * class gets its own fresh database (or schema), emptied before every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTest {

    private TestDatabase database;

    protected abstract TestDatabase.Engine engine();

    @BeforeAll
    protected void openDatabase() {
        database = TestDatabase.open(engine());
    }

    @AfterAll
    protected void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    protected void emptyDatabase() {
        database.clear();
    }

    protected DataSource dataSource() {
        return database.dataSource();
    }
}
