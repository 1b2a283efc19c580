package dev.tollgate.impl.server.store;

import dev.tollgate.impl.server.testing.TestDatabase;

class UserStoreOnPostgreSqlTest extends UserStoreTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
