package dev.tollgate.impl.server.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Fuzzes the reading of an RFC 7591 registration (or RFC 7592 update) request body, {@link ClientMetadata#parse}:
 * the input is the body, as UTF-8.
 *
 * <p>Property: the body is either {@link ClientMetadata} or an {@link OAuthException} with one of the RFC 7591
 * §3.2.2 codes ({@code invalid_client_metadata}, {@code invalid_redirect_uri}), never another exception; and what
 * the server registers reads back as itself: the metadata it answers with ({@code toJson}) parses to the same
 * metadata. Seeds: {@code ClientMetadataFuzzTestInputs/parse/}.
 */
class ClientMetadataFuzzTest {

    private static final Set<String> ALLOWED = RegistrationSettings.defaults().allowedScopes();
    private static final Set<OAuthError> DOCUMENTED = Set.of(OAuthError.INVALID_CLIENT_METADATA,
            OAuthError.INVALID_REDIRECT_URI);

    @FuzzTest(maxDuration = "2s")
    @DictionaryEntries({"\"client_name\":", "\"redirect_uris\":", "\"grant_types\":", "\"response_types\":",
            "\"token_endpoint_auth_method\":", "\"scope\":", "\"client_uri\":", "\"logo_uri\":", "\"tos_uri\":",
            "\"policy_uri\":", "\"authorization_code\"", "\"refresh_token\"", "\"client_credentials\"",
            "\"implicit\"", "\"code\"", "\"none\"", "\"client_secret_post\"", "\"https://app.example/cb\"",
            "\"http://127.0.0.1/cb\"", "\"http://[::1]:8080/cb\"", "\"http://localhost/cb\"", "#", "@", "\\u0000",
            "\\u202e", "\"openid profile\""})
    void parse(byte[] input) {
        ClientMetadata metadata;
        try {
            metadata = ClientMetadata.parse(new String(input, StandardCharsets.UTF_8), ALLOWED);
        } catch (OAuthException e) {
            assertTrue(DOCUMENTED.contains(e.error()), e.error().code());
            return;
        }

        assertEquals(metadata, ClientMetadata.parse(JSONObjectUtils.toJSONString(metadata.toJson()), ALLOWED),
                "the registered metadata reads back as itself");
    }
}
