package dev.tollgate.impl.server.admin;

import dev.tollgate.impl.server.testing.TestDatabase;

class ClientListingScaleOnPostgreSqlTest extends ClientListingScaleTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
