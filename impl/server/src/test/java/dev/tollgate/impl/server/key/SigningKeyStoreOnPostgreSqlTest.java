package dev.tollgate.impl.server.key;

import dev.tollgate.impl.server.testing.TestDatabase;

class SigningKeyStoreOnPostgreSqlTest extends SigningKeyStoreTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
