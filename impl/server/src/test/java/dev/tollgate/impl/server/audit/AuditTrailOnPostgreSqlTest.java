package dev.tollgate.impl.server.audit;

import dev.tollgate.impl.server.testing.TestDatabase;

class AuditTrailOnPostgreSqlTest extends AuditTrailTests {

    @Override
    protected TestDatabase.Engine engine() {
        return TestDatabase.Engine.POSTGRESQL;
    }
}
