package dev.tollgate.war.startup;

import dev.tollgate.impl.server.testing.TestDatabase;

class ServerStartupOnPostgreSqlTest extends ServerStartupTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
