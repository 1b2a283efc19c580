package dev.tollgate.impl.server.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeysTest {

    @TempDir
    Path serverOutput;
    @TempDir
    Path home;

    @Test
    void resolveWhenKeyConfiguredThenUsesIt() {
        String encoded = Base64.getEncoder().encodeToString(new byte[32]);

        KeyEncryptionKey key = KeyEncryptionKeys.resolve(ConfigSource.of(Map.of(KeyEncryptionKeys.KEY, encoded)));

        assertEquals(KeyEncryptionKey.decode(encoded).fingerprint(), key.fingerprint());
    }

    /** The configuration of a server without a key: its output folder, and the home of the account running it. */
    private ConfigSource unconfigured() {
        return ConfigSource.of(Map.of("server.output.dir", serverOutput.toString(), "user.home", home.toString()));
    }

    @Test
    void resolveWhenNothingConfiguredThenGeneratesAnOwnerOnlyFileOutsideTheServerFolder() throws IOException {
        try (LogCapture logs = new LogCapture()) {
            KeyEncryptionKey first = KeyEncryptionKeys.resolve(unconfigured());
            KeyEncryptionKey second = KeyEncryptionKeys.resolve(unconfigured());

            Path file = home.resolve(".tollgate/key-encryption.key");
            assertEquals(first.fingerprint(), second.fingerprint(), "the file is reused");
            assertEquals(first.fingerprint(), KeyEncryptionKey.decode(Files.readString(file)).fingerprint());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            try (Stream<Path> inServerFolder = Files.walk(serverOutput)) {
                assertEquals(List.of(serverOutput), inServerFolder.toList(), "nothing beside the database");
            }
            assertTrue(logs.has(Level.WARNING, KeyEncryptionKeys.KEY));
            assertTrue(logs.has(Level.WARNING, file.toString()), "the log says where the key is");
            assertFalse(logs.all().contains(first.encode()), "the key itself is never logged");
            assertFalse(logs.all().contains(Files.readString(file).strip()));
        }
    }

    @Test
    void resolveWhenAnOlderVersionKeptTheKeyBesideTheDatabaseThenMovesItAndSaysSo() throws IOException {
        Path legacy = serverOutput.resolve("tollgate/key-encryption.key");
        Files.createDirectories(legacy.getParent());
        KeyEncryptionKey old = KeyEncryptionKey.generate(new SecureRandom());
        Files.writeString(legacy, old.encode() + "\n");

        try (LogCapture logs = new LogCapture()) {
            KeyEncryptionKey key = KeyEncryptionKeys.resolve(unconfigured());

            assertEquals(old.fingerprint(), key.fingerprint(), "the signing keys it sealed stay readable");
            assertFalse(Files.exists(legacy));
            Path moved = home.resolve(".tollgate/key-encryption.key");
            assertEquals(old.fingerprint(), KeyEncryptionKey.decode(Files.readString(moved)).fingerprint());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(moved)));
            assertTrue(logs.has(Level.WARNING, "Moved the key-encryption key " + old.fingerprint()));
            assertFalse(logs.all().contains(old.encode()));
        }
        assertEquals(old.fingerprint(), KeyEncryptionKeys.resolve(unconfigured()).fingerprint());
    }

    @Test
    void resolveWhenTheNewPlaceHoldsTheSameKeyThenTheOldCopyIsDeleted() throws IOException {
        KeyEncryptionKey current = KeyEncryptionKeys.resolve(unconfigured());
        Path legacy = serverOutput.resolve("tollgate/key-encryption.key");
        Files.createDirectories(legacy.getParent());
        Files.copy(home.resolve(".tollgate/key-encryption.key"), legacy);

        assertEquals(current.fingerprint(), KeyEncryptionKeys.resolve(unconfigured()).fingerprint());
        assertFalse(Files.exists(legacy));
    }

    @Test
    void resolveWhenTheNewPlaceHoldsAnotherServersKeyThenTheOldFileIsUsedWithAWarning() throws IOException {
        KeyEncryptionKey otherServers = KeyEncryptionKeys.resolve(unconfigured());
        Path legacy = serverOutput.resolve("tollgate/key-encryption.key");
        Files.createDirectories(legacy.getParent());
        KeyEncryptionKey old = KeyEncryptionKey.generate(new SecureRandom());
        Files.writeString(legacy, old.encode());

        try (LogCapture logs = new LogCapture()) {
            assertEquals(old.fingerprint(), KeyEncryptionKeys.resolve(unconfigured()).fingerprint());
            assertTrue(Files.exists(legacy));
            assertTrue(logs.has(Level.WARNING, KeyEncryptionKeys.FILE_KEY));
            assertTrue(logs.has(Level.WARNING, legacy.toString()));
        }
        assertEquals(otherServers.fingerprint(), KeyEncryptionKey.decode(Files.readString(
                home.resolve(".tollgate/key-encryption.key"))).fingerprint(), "the other server's key is untouched");
    }

    @Test
    void resolveWhenFileConfiguredThenReadsOrCreatesIt() throws IOException {
        Path file = serverOutput.resolve("secrets/kek");
        ConfigSource config = ConfigSource.of(Map.of(KeyEncryptionKeys.FILE_KEY, file.toString()));

        KeyEncryptionKey created = KeyEncryptionKeys.resolve(config);
        KeyEncryptionKey read = KeyEncryptionKeys.resolve(config);

        assertTrue(Files.exists(file));
        assertEquals(created.fingerprint(), read.fingerprint());
        assertEquals(created.fingerprint(), KeyEncryptionKey.decode(Files.readString(file)).fingerprint());
    }

    @Test
    void resolveWhenFileHoldsGarbageThenFailsNamingTheFileKey() throws IOException {
        Path file = Files.writeString(serverOutput.resolve("kek"), "short");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> KeyEncryptionKeys.resolve(ConfigSource.of(Map.of(KeyEncryptionKeys.FILE_KEY, file.toString()))));
        assertEquals(KeyEncryptionKeys.FILE_KEY, e.key());
    }

    @Test
    void resolveWhenKeyAndFileBothSetThenFailsNamingTheFileKey() {
        ConfigSource config = ConfigSource.of(Map.of(
                KeyEncryptionKeys.KEY, Base64.getEncoder().encodeToString(new byte[32]),
                KeyEncryptionKeys.FILE_KEY, serverOutput.resolve("kek").toString()));

        assertEquals(KeyEncryptionKeys.FILE_KEY,
                assertThrows(ConfigurationException.class, () -> KeyEncryptionKeys.resolve(config)).key());
    }

    @Test
    void resolveWhenConfiguredKeyInvalidThenFailsWithoutRepeatingIt() {
        byte[] tooShort = new byte[20];
        new SecureRandom().nextBytes(tooShort);
        String configured = Base64.getEncoder().encodeToString(tooShort);

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> KeyEncryptionKeys.resolve(ConfigSource.of(Map.of(KeyEncryptionKeys.KEY, configured))));

        assertEquals(KeyEncryptionKeys.KEY, e.key());
        assertFalse(e.getMessage().contains(configured));
    }

    @Test
    void serversOfOneAccountShareTheGeneratedKeyAndOtherAccountsDoNot(@TempDir Path otherServer,
                                                                      @TempDir Path otherHome) {
        KeyEncryptionKey one = KeyEncryptionKeys.resolve(unconfigured());
        KeyEncryptionKey sameAccount = KeyEncryptionKeys.resolve(ConfigSource.of(Map.of("server.output.dir",
                otherServer.toString(), "user.home", home.toString())));
        KeyEncryptionKey otherAccount = KeyEncryptionKeys.resolve(ConfigSource.of(Map.of("server.output.dir",
                otherServer.toString(), "user.home", otherHome.toString())));

        assertEquals(one.fingerprint(), sameAccount.fingerprint());
        assertNotEquals(one.fingerprint(), otherAccount.fingerprint());
    }

    @Test
    void resolveWhenKeyConfiguredThenLogsWhereItComesFromNeverTheKey() {
        String encoded = Base64.getEncoder().encodeToString(new byte[32]);
        try (LogCapture logs = new LogCapture()) {
            KeyEncryptionKeys.resolve(ConfigSource.of(Map.of(KeyEncryptionKeys.KEY, encoded)));

            assertTrue(logs.has(Level.INFO, KeyEncryptionKeys.KEY));
            assertFalse(logs.all().contains(encoded));
        }
    }
}
