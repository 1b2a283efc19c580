package dev.tollgate.impl.server.registration;

import dev.tollgate.impl.server.testing.TestDatabase;

class RegistrationLimiterOnPostgreSqlTest extends RegistrationLimiterTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
