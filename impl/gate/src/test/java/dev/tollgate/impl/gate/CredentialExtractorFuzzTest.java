package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fuzzes {@link CredentialExtractor} with arbitrary request headers. The input is a header block as on the wire:
 * {@code Name: value} lines, read as ISO-8859-1 like a servlet container reads header bytes; a name may repeat.
 *
 * <p>Property: extraction is total (no exception, whatever the headers) and its result is consistent: a Bearer
 * token is non-empty and one word, plain-header credentials are non-blank, and credentials come only from the
 * headers that carry them. Seeds: {@code CredentialExtractorFuzzTestInputs/extract/}.
 */
class CredentialExtractorFuzzTest {

    private static final String EMAIL = "X-API-Email";
    private static final String PASSWORD = "X-API-Password";

    private final CredentialExtractor withPlainHeaders = new CredentialExtractor(true, EMAIL, PASSWORD);
    private final CredentialExtractor bearerOnly = new CredentialExtractor(false, EMAIL, PASSWORD);

    @FuzzTest(maxDuration = "2s")
    @DictionaryEntries({"Authorization: ", "Bearer ", "bEaReR ", "Basic ", "DPoP ", "X-API-Email: ",
            "X-API-Password: "})
    void extract(byte[] input) {
        Map<String, List<String>> headers = headerBlock(input);
        Headers lookup = name -> headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());

        check(withPlainHeaders.extract(lookup), headers, true);
        check(bearerOnly.extract(lookup), headers, false);
    }

    private static void check(Credentials credentials, Map<String, List<String>> headers, boolean plainHeaders) {
        assertNotNull(credentials);
        List<String> authorization = headers.getOrDefault("authorization", List.of());
        if (credentials instanceof Credentials.Bearer bearer) {
            assertEquals(1, authorization.size(), "a Bearer token from exactly one Authorization header");
            assertTrue(authorization.get(0).strip().regionMatches(true, 0, "Bearer ", 0, 7));
            assertFalse(bearer.token().isEmpty());
            assertTrue(bearer.token().chars().allMatch(c -> c > 0x20 && c != 0x7F), "one word, no controls");
            assertTrue(authorization.get(0).contains(bearer.token()));
        } else if (credentials instanceof Credentials.PlainHeaders plain) {
            assertTrue(plainHeaders, "plain headers are read only when enabled");
            assertEquals(List.of(plain.email()), headers.get(EMAIL.toLowerCase(Locale.ROOT)));
            assertEquals(List.of(plain.password()), headers.get(PASSWORD.toLowerCase(Locale.ROOT)));
            assertFalse(plain.email().isBlank());
            assertFalse(plain.password().isEmpty());
        } else if (credentials instanceof Credentials.Malformed malformed) {
            assertFalse(malformed.reason().isBlank());
        } else if (!(credentials instanceof Credentials.None)) {
            fail("undocumented result " + credentials.getClass());
        }
    }

    /** {@code Name: value} lines (LF or CRLF); the value without surrounding blanks, as a container gives it. */
    static Map<String, List<String>> headerBlock(byte[] input) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : new String(input, StandardCharsets.ISO_8859_1).split("\r?\n", -1)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
        }
        return headers;
    }
}
