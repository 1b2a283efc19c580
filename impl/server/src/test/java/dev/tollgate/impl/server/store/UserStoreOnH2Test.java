package dev.tollgate.impl.server.store;

import dev.tollgate.impl.server.testing.TestDatabase;

class UserStoreOnH2Test extends UserStoreTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
