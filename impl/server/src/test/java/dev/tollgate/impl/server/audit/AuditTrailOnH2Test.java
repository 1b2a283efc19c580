package dev.tollgate.impl.server.audit;

import dev.tollgate.impl.server.testing.TestDatabase;

class AuditTrailOnH2Test extends AuditTrailTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
