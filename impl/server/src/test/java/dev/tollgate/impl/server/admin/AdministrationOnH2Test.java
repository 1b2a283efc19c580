package dev.tollgate.impl.server.admin;

import dev.tollgate.impl.server.testing.TestDatabase;

class AdministrationOnH2Test extends AdministrationTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
