package dev.tollgate.impl.server.registration;

import dev.tollgate.impl.server.testing.TestDatabase;

class RegistrationOnH2Test extends RegistrationTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
