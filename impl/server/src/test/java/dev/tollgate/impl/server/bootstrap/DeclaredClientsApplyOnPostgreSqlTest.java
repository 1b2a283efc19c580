package dev.tollgate.impl.server.bootstrap;

import dev.tollgate.impl.server.testing.TestDatabase;

class DeclaredClientsApplyOnPostgreSqlTest extends DeclaredClientsApplyTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
