package dev.tollgate.impl.server.store;

import dev.tollgate.impl.server.testing.TestDatabase;

class ClientStoreOnH2Test extends ClientStoreTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
