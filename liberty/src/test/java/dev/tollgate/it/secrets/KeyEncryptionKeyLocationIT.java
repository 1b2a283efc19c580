package dev.tollgate.it.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.LibertyServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Finding 9a of issue 11: the generated key-encryption key sat in the server's folder, beside the H2 database, so a
 * copy of the folder could decrypt the signing keys. The IT server sets no key, so it uses the generated one, which
 * now lives in the home folder of the account that runs the server, and the log says where.
 */
class KeyEncryptionKeyLocationIT {

    private static final Path KEY_FILE = Path.of(System.getProperty("user.home"), ".tollgate", "key-encryption.key");

    @Test
    void theServerFolderHoldsNoKeyEncryptionKeyAndTheSigningKeysWork() throws IOException {
        HttpResponse<String> jwks = LibertyServer.get("/oauth2/jwks");
        assertEquals(200, jwks.statusCode(), jwks.body());
        assertTrue(jwks.body().contains("\"keys\""), jwks.body());

        try (Stream<Path> files = Files.walk(LibertyServer.serverDir())) {
            List<Path> keys = files.filter(file -> file.getFileName().toString().contains("key-encryption"))
                    .toList();
            assertEquals(List.of(), keys, "a copy of the server folder must not decrypt the signing keys");
        }
        assertTrue(Files.isRegularFile(KEY_FILE), KEY_FILE + " was generated");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(KEY_FILE)));
    }

    @Test
    void theLogSaysWhereTheKeyIsButNeverTheKey() throws IOException {
        String logs = LibertyServer.logs();
        String key = Files.readString(KEY_FILE, StandardCharsets.US_ASCII).strip();

        assertTrue(logs.contains("from the file " + KEY_FILE), "the start says where the key is");
        assertTrue(logs.contains("tollgate.keys.encryption-key"), "and how to set one in production");
        assertFalse(logs.contains(key), "never the key");
    }
}
