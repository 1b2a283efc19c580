package dev.tollgate.impl.server.audit;

import dev.tollgate.impl.server.testing.TestDatabase;

class AuditEventStoreOnH2Test extends AuditEventStoreTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }
}
