package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.testing.TestDatabase;

class ConsentOnH2Test extends ConsentTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
