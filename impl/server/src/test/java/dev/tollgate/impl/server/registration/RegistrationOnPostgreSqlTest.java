package dev.tollgate.impl.server.registration;

import dev.tollgate.impl.server.testing.TestDatabase;

class RegistrationOnPostgreSqlTest extends RegistrationTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
