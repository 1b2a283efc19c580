package dev.tollgate.impl.server.lockout;

import dev.tollgate.impl.server.testing.TestDatabase;

class DatabaseAccountLockoutOnH2Test extends DatabaseAccountLockoutTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
