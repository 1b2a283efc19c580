package dev.tollgate.impl.server.admin;

import dev.tollgate.impl.server.testing.TestDatabase;

class ClientListingScaleOnH2Test extends ClientListingScaleTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
