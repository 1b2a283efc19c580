package dev.tollgate.impl.server.store;

import dev.tollgate.impl.server.testing.TestDatabase;

class JdbcPlainCredentialVerifierOnPostgreSqlTest extends JdbcPlainCredentialVerifierTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
