package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.testing.TestDatabase;

class PushedAuthorizationRequestsOnPostgreSqlTest extends PushedAuthorizationRequestsTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
