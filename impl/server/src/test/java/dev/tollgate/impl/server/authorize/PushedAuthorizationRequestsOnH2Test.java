package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.testing.TestDatabase;

class PushedAuthorizationRequestsOnH2Test extends PushedAuthorizationRequestsTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
