package dev.tollgate.war.startup;

import dev.tollgate.impl.server.testing.TestDatabase;

class ServerStartupOnH2Test extends ServerStartupTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
