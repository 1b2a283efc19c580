package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.testing.TestDatabase;

class AuthorizationCodeStoreOnPostgreSqlTest extends AuthorizationCodeStoreTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
