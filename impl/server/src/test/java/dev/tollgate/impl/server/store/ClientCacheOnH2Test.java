package dev.tollgate.impl.server.store;

import dev.tollgate.impl.server.testing.TestDatabase;

class ClientCacheOnH2Test extends ClientCacheTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
