package dev.tollgate.impl.server.lockout;

import dev.tollgate.impl.server.testing.TestDatabase;

class DatabaseAccountLockoutOnPostgreSqlTest extends DatabaseAccountLockoutTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
