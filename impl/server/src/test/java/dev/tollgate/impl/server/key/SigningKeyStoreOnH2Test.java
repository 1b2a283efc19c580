package dev.tollgate.impl.server.key;

import dev.tollgate.impl.server.testing.TestDatabase;

class SigningKeyStoreOnH2Test extends SigningKeyStoreTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
