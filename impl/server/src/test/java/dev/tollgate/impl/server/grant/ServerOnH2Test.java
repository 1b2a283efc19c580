package dev.tollgate.impl.server.grant;

import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that drive a whole {@link ServerFixture} on H2: a fresh server on an emptied database for every
 * test ({@link DatabaseTest} empties it first). A subclass's own {@code @BeforeEach} runs after this one's.
 */
public abstract class ServerOnH2Test extends DatabaseTest {

    protected ServerFixture server;

    @Override
    protected final TestDatabase.Engine engine() {
        return TestDatabase.Engine.H2;
    }

    @BeforeEach
    void createServer() {
        server = new ServerFixture(dataSource());
    }
}
