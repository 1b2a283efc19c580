package dev.tollgate.impl.server.bootstrap;

import dev.tollgate.impl.server.testing.TestDatabase;

class BootstrapAdminOnH2Test extends BootstrapAdminTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
