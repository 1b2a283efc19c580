package dev.tollgate.war.startup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.testing.LogCapture;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabasePasswordTest {

    @TempDir
    Path folder;

    private JdbcDataSource h2File(String password) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + folder.resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE");
        dataSource.setUser("sa");
        dataSource.setPassword(password);
        return dataSource;
    }

    @Test
    void anH2FileWithoutAPasswordIsReportedNamingTheKeyNeverAPassword() {
        try (LogCapture logs = new LogCapture()) {
            assertTrue(EmbeddedDatabasePassword.warnWhenEmpty(h2File(""), ConfigSource.of(Map.of())));
            assertTrue(logs.has(Level.WARNING, EmbeddedDatabasePassword.KEY));
        }
    }

    @Test
    void anH2FileWithAPasswordOrAnotherDatabaseIsNotReported() {
        String password = "h2-password-0123456789";
        try (LogCapture logs = new LogCapture()) {
            assertFalse(EmbeddedDatabasePassword.warnWhenEmpty(h2File(password),
                    ConfigSource.of(Map.of(EmbeddedDatabasePassword.KEY, password))));
            JdbcDataSource memory = new JdbcDataSource();
            memory.setURL("jdbc:h2:mem:other");
            assertFalse(EmbeddedDatabasePassword.warnWhenEmpty(memory, ConfigSource.of(Map.of())));
            assertFalse(logs.all().contains(password));
        }
    }
}
