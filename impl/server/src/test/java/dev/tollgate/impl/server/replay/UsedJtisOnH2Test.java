package dev.tollgate.impl.server.replay;

import dev.tollgate.impl.server.testing.TestDatabase;

class UsedJtisOnH2Test extends UsedJtisTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
