package dev.tollgate.impl.server.store;

import dev.tollgate.impl.server.testing.TestDatabase;

class RefreshTokenStoreOnH2Test extends RefreshTokenStoreTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
