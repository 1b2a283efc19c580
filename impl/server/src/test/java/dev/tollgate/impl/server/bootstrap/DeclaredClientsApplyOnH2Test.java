package dev.tollgate.impl.server.bootstrap;

import dev.tollgate.impl.server.testing.TestDatabase;

class DeclaredClientsApplyOnH2Test extends DeclaredClientsApplyTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
