package dev.tollgate.impl.server.housekeeping;

import dev.tollgate.impl.server.testing.TestDatabase;

class ExpiredRowPurgeOnPostgreSqlTest extends ExpiredRowPurgeTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
