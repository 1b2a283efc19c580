package dev.tollgate.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the token client's reading of authorization server metadata (RFC 8414 §3.2),
 * {@link ServerMetadata#parse(String)}: the input is the discovery document, as UTF-8.
 *
 * <p>Property: the document is either {@link ServerMetadata} or a {@link MessageParseException}, never another
 * exception, and metadata that parses survives a round trip ({@code toJson}, then {@code parse}) unchanged. Seeds:
 * {@code ServerMetadataFuzzTestInputs/parse/}.
 */
class ServerMetadataFuzzTest {

    @FuzzTest(maxDuration = "2s")
    @DictionaryEntries({"\"issuer\":", "\"authorization_endpoint\":", "\"token_endpoint\":", "\"jwks_uri\":",
            "\"revocation_endpoint\":", "\"introspection_endpoint\":", "\"registration_endpoint\":",
            "\"grant_types_supported\":", "\"code_challenge_methods_supported\":",
            "\"authorization_response_iss_parameter_supported\":", "true", "null", "\"https://as.example\"",
            "\"S256\"", "\"%zz\"", "\"http://[::1\"", "\"a b\""})
    void parse(byte[] input) throws MessageParseException {
        ServerMetadata metadata;
        try {
            metadata = ServerMetadata.parse(new String(input, StandardCharsets.UTF_8));
        } catch (MessageParseException e) {
            return;
        }

        assertEquals(metadata, ServerMetadata.parse(metadata.toJson()), "round trip");
    }
}
