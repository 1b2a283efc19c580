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
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeysTest {

    @TempDir
    Path serverOutput;

    @Test
    void resolveWhenKeyConfiguredThenUsesIt() {
        String encoded = Base64.getEncoder().encodeToString(new byte[32]);

        KeyEncryptionKey key = KeyEncryptionKeys.resolve(ConfigSource.of(Map.of(KeyEncryptionKeys.KEY, encoded)));

        assertEquals(KeyEncryptionKey.decode(encoded).fingerprint(), key.fingerprint());
    }

    @Test
    void resolveWhenNothingConfiguredThenGeneratesAnOwnerOnlyFileAndWarnsWithoutTheKey() throws IOException {
        ConfigSource config = ConfigSource.of(Map.of("server.output.dir", serverOutput.toString()));
        try (LogCapture logs = new LogCapture()) {
            KeyEncryptionKey first = KeyEncryptionKeys.resolve(config);
            KeyEncryptionKey second = KeyEncryptionKeys.resolve(config);

            Path file = serverOutput.resolve("tollgate/key-encryption.key");
            assertEquals(first.fingerprint(), second.fingerprint(), "the file is reused");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(logs.has(Level.WARNING, KeyEncryptionKeys.KEY));
            assertFalse(logs.all().contains(first.encode()), "the key itself is never logged");
            assertFalse(logs.all().contains(Files.readString(file).strip()));
        }
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
    void differentServersGenerateDifferentKeys(@TempDir Path otherServer) {
        KeyEncryptionKey one = KeyEncryptionKeys.resolve(ConfigSource.of(Map.of("server.output.dir",
                serverOutput.toString())));
        KeyEncryptionKey two = KeyEncryptionKeys.resolve(ConfigSource.of(Map.of("server.output.dir",
                otherServer.toString())));

        assertNotEquals(one.fingerprint(), two.fingerprint());
    }
}
