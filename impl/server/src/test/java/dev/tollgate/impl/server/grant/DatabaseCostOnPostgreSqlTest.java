package dev.tollgate.impl.server.grant;

import dev.tollgate.impl.server.testing.TestDatabase;

class DatabaseCostOnPostgreSqlTest extends DatabaseCostTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
