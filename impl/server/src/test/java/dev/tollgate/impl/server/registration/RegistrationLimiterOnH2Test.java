package dev.tollgate.impl.server.registration;

import dev.tollgate.impl.server.testing.TestDatabase;

class RegistrationLimiterOnH2Test extends RegistrationLimiterTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
