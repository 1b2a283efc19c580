package dev.tollgate.impl.server.key;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds the {@link KeyEncryptionKey}, in this order:
 * <ol>
 *   <li>{@code tollgate.keys.encryption-key}: base64 of 32 random bytes (e.g. {@code openssl rand -base64 32}).
 *       The production setting; every node must have the same.</li>
 *   <li>{@code tollgate.keys.encryption-key-file}: a file holding that base64 text (e.g. a mounted secret). If the
 *       file does not exist, a new key is generated into it.</li>
 *   <li>Otherwise the file {@code ${server.output.dir}/tollgate/key-encryption.key}, generated on first start, with
 *       a WARNING: fine for one node and for development, not for production.</li>
 * </ol>
 * The key itself is never logged; messages show its {@linkplain KeyEncryptionKey#fingerprint() fingerprint}.
 */
public final class KeyEncryptionKeys {

    public static final String KEY = KeySettings.PREFIX + "encryption-key";
    public static final String FILE_KEY = KeySettings.PREFIX + "encryption-key-file";
    /** Liberty's server output folder (also the server's working directory, the fallback). */
    static final String SERVER_OUTPUT_DIR = "server.output.dir";
    static final Path DEFAULT_RELATIVE_FILE = Path.of("tollgate", "key-encryption.key");

    private static final Logger LOG = Logger.getLogger(KeyEncryptionKeys.class.getName());

    private KeyEncryptionKeys() {
    }

    /** @throws ConfigurationException naming the key at fault */
    public static KeyEncryptionKey resolve(ConfigSource source) {
        Settings settings = new Settings(source, "");
        Optional<char[]> configured = settings.secret(KEY);
        Optional<String> file = settings.string(FILE_KEY);
        if (configured.isPresent() && file.isPresent()) {
            throw new ConfigurationException(FILE_KEY, "set either " + KEY + " or " + FILE_KEY + ", not both");
        }
        if (configured.isPresent()) {
            char[] chars = configured.get();
            try {
                return KeyEncryptionKey.decode(new String(chars));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(KEY, e.getMessage());
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        if (file.isPresent()) {
            return fromFile(Path.of(file.get()), FILE_KEY);
        }
        Path directory = source.get(SERVER_OUTPUT_DIR).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.dir")));
        Path path = directory.resolve(DEFAULT_RELATIVE_FILE).toAbsolutePath();
        KeyEncryptionKey key = fromFile(path, FILE_KEY);
        LOG.warning("The signing keys in the database are encrypted with the key-encryption key " + key.fingerprint()
                + " from the file " + path + ", made on first start. That is fine for one node and for development."
                + " In production set " + KEY + " (base64 of 32 random bytes) or " + FILE_KEY
                + ", the same on every node, and keep it safe: without it the stored signing keys are lost. To keep"
                + " the current keys, use the content of that file.");
        return key;
    }

    /** Reads the key from {@code path}, or generates it there when the file does not exist. */
    static KeyEncryptionKey fromFile(Path path, String configKey) {
        try {
            if (Files.notExists(path)) {
                return generateInto(path);
            }
            return read(path, configKey);
        } catch (IOException e) {
            throw new ConfigurationException(configKey, "cannot read or create the key-encryption key file " + path
                    + ": " + e);
        }
    }

    private static KeyEncryptionKey read(Path path, String configKey) throws IOException {
        byte[] content = Files.readAllBytes(path);
        try {
            return KeyEncryptionKey.decode(new String(content, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(configKey, "the file " + path + " " + e.getMessage());
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static KeyEncryptionKey generateInto(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            // Created empty and owner-only first; fails if another process made the file meanwhile: use theirs.
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the file gets the folder's permissions.
            Files.createFile(path);
        } catch (FileAlreadyExistsException e) {
            return read(path, FILE_KEY);
        }
        KeyEncryptionKey key = KeyEncryptionKey.generate(new SecureRandom());
        byte[] content = (key.encode() + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            Files.write(path, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        LOG.info("Generated a new key-encryption key " + key.fingerprint() + " in " + path);
        return key;
    }
}
