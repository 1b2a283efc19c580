package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.testing.TestDatabase;

class AuthorizationCodeStoreOnH2Test extends AuthorizationCodeStoreTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
