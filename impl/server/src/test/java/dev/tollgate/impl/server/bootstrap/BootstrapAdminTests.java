package dev.tollgate.impl.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin.Outcome;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.testing.LogCapture;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bootstrap administrator on a real database; run on H2 and PostgreSQL by the subclasses. */
abstract class BootstrapAdminTests extends DatabaseTest {

    private static final String PASSWORD = "Bootstrap-Pa55word";
    private UserStore users;

    @BeforeEach
    void createStore() {
        users = new UserStore(dataSource(), new PasswordHasher(1_000), Clock.systemUTC());
    }

    @Test
    void runWhenConfiguredThenTheAdminIsCreatedOnce() {
        ConfigSource config = ConfigSource.of(Map.of(BootstrapAdmin.EMAIL_KEY, "Admin@Example.com",
                BootstrapAdmin.PASSWORD_KEY, PASSWORD));

        assertEquals(Outcome.CREATED, BootstrapAdmin.run(config, users));
        assertEquals(Outcome.ALREADY_EXISTS, BootstrapAdmin.run(config, users));

        assertEquals(1, users.count());
        User admin = users.verifyPassword("admin@example.com", PASSWORD.toCharArray()).orElseThrow();
        assertEquals(Set.of(BootstrapAdmin.ADMIN_ROLE), admin.roles());
    }

    @Test
    void runWhenOnlyTheShortEnvironmentVariablesAreSetThenTheAdminIsCreated() {
        Map<String, String> environment = Map.of(BootstrapAdmin.EMAIL_ENV, "ops@example.com",
                BootstrapAdmin.PASSWORD_ENV, PASSWORD);
        ConfigSource config = ConfigSource.chain(List.of(ConfigSource.of(Map.of()),
                BootstrapAdmin.shortEnvironmentNames(environment::get)));

        assertEquals(Outcome.CREATED, BootstrapAdmin.run(config, users));

        assertTrue(users.verifyPassword("ops@example.com", PASSWORD.toCharArray()).isPresent());
    }

    @Test
    void fullKeysWinOverTheShortEnvironmentVariables() {
        ConfigSource config = ConfigSource.chain(List.of(
                ConfigSource.of(Map.of(BootstrapAdmin.EMAIL_KEY, "full@example.com")),
                BootstrapAdmin.shortEnvironmentNames(Map.of(BootstrapAdmin.EMAIL_ENV, "short@example.com",
                        BootstrapAdmin.PASSWORD_ENV, PASSWORD)::get)));

        BootstrapAdmin.run(config, users);

        assertTrue(users.findByEmail("full@example.com").isPresent());
        assertTrue(users.findByEmail("short@example.com").isEmpty());
    }

    @Test
    void runWhenTheUserExistsThenItsPasswordAndRolesAreLeftAlone() {
        users.create("admin@example.com", "the-users-own-pass".toCharArray(), Set.of("user")).orElseThrow();

        Outcome outcome = BootstrapAdmin.run(ConfigSource.of(Map.of(BootstrapAdmin.EMAIL_KEY, "admin@example.com",
                BootstrapAdmin.PASSWORD_KEY, PASSWORD)), users);

        assertEquals(Outcome.ALREADY_EXISTS, outcome);
        assertTrue(users.verifyPassword("admin@example.com", "the-users-own-pass".toCharArray()).isPresent());
        assertEquals(Set.of("user"), users.findByEmail("admin@example.com").orElseThrow().roles());
    }

    @Test
    void runWhenNotConfiguredThenWarnsThatTheServerHasNoUsersAndHowToCreateOne() {
        try (LogCapture logs = new LogCapture()) {
            assertEquals(Outcome.NOT_CONFIGURED, BootstrapAdmin.run(ConfigSource.of(Map.of()), users));

            assertEquals(0, users.count());
            assertTrue(logs.has(Level.WARNING, "without users"));
            assertTrue(logs.has(Level.WARNING, BootstrapAdmin.EMAIL_ENV));
            assertTrue(logs.has(Level.WARNING, BootstrapAdmin.PASSWORD_ENV));
        }
    }

    @Test
    void runWhenHalfConfiguredThenFailsNamingTheMissingKey() {
        assertEquals(BootstrapAdmin.PASSWORD_KEY, assertThrows(ConfigurationException.class, () -> BootstrapAdmin.run(
                ConfigSource.of(Map.of(BootstrapAdmin.EMAIL_KEY, "admin@example.com")), users)).key());
        assertEquals(BootstrapAdmin.EMAIL_KEY, assertThrows(ConfigurationException.class, () -> BootstrapAdmin.run(
                ConfigSource.of(Map.of(BootstrapAdmin.PASSWORD_KEY, PASSWORD)), users)).key());
        assertEquals(0, users.count());
    }

    @Test
    void runWhenValuesInvalidThenFailsNamingTheKeyWithoutThePassword() {
        assertEquals(BootstrapAdmin.EMAIL_KEY, assertThrows(ConfigurationException.class, () -> BootstrapAdmin.run(
                ConfigSource.of(Map.of(BootstrapAdmin.EMAIL_KEY, "admin", BootstrapAdmin.PASSWORD_KEY, PASSWORD)),
                users)).key());
        ConfigurationException shortPassword = assertThrows(ConfigurationException.class, () -> BootstrapAdmin.run(
                ConfigSource.of(Map.of(BootstrapAdmin.EMAIL_KEY, "a@example.com", BootstrapAdmin.PASSWORD_KEY,
                        "short1")), users));
        assertEquals(BootstrapAdmin.PASSWORD_KEY, shortPassword.key());
        assertFalse(shortPassword.getMessage().contains("short1"));
    }

    @Test
    void thePasswordIsNeverLogged() {
        try (LogCapture logs = new LogCapture()) {
            BootstrapAdmin.run(ConfigSource.of(Map.of(BootstrapAdmin.EMAIL_KEY, "admin@example.com",
                    BootstrapAdmin.PASSWORD_KEY, PASSWORD)), users);
            BootstrapAdmin.run(ConfigSource.of(Map.of(BootstrapAdmin.EMAIL_KEY, "admin@example.com",
                    BootstrapAdmin.PASSWORD_KEY, PASSWORD)), users);

            assertTrue(logs.has(Level.INFO, "admin@example.com"));
            assertFalse(logs.all().contains(PASSWORD));
        }
    }
}
