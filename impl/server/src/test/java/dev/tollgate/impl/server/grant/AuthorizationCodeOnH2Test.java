package dev.tollgate.impl.server.grant;

import dev.tollgate.impl.server.testing.TestDatabase;

class AuthorizationCodeOnH2Test extends AuthorizationCodeTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
