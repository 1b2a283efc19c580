package dev.tollgate.impl.server.store;

import dev.tollgate.impl.server.testing.TestDatabase;

class ClientCacheOnPostgreSqlTest extends ClientCacheTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
