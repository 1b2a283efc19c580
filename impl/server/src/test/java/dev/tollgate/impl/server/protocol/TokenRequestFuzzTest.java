package dev.tollgate.impl.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.api.error.OAuthError;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzzes the token endpoint's reading of a request (RFC 6749 §3.2, §4), form and JSON alike, as
 * {@code ClientAuthenticator} and {@code TokenService} chain it: {@link RequestBody#parse}, {@link Parameters#of}
 * (with {@code resource} repeatable), {@link ClientAuthentication#parse} with the Authorization header, then
 * {@link TokenRequestParser#parse}.
 *
 * <p>The input is a request as on the wire: {@code Content-Type:} and {@code Authorization:} header lines (read as
 * ISO-8859-1), an empty line, then the body (read as UTF-8). Without an empty line it is all body, without a
 * Content-Type.
 *
 * <p>Property: every request is a {@link TokenRequest} or a {@link RequestParseException} with one of the documented
 * OAuth errors, never another exception; no {@code toString} depends on a secret (password, refresh token, code,
 * code verifier, client secret). Seeds: {@code TokenRequestFuzzTestInputs/parse/}.
 */
class TokenRequestFuzzTest {

    private static final Set<OAuthError> DOCUMENTED = Set.of(OAuthError.INVALID_REQUEST, OAuthError.INVALID_CLIENT,
            OAuthError.INVALID_SCOPE, OAuthError.UNSUPPORTED_GRANT_TYPE);

    @FuzzTest(maxDuration = "2s")
    @DictionaryEntries({"Content-Type: application/x-www-form-urlencoded", "Content-Type: application/json",
            "; charset=UTF-8", "Authorization: Basic ", "grant_type=", "client_credentials", "password",
            "refresh_token", "authorization_code", "&scope=", "&resource=", "&client_id=", "&client_secret=",
            "&username=", "&password=", "&code=", "&code_verifier=", "&redirect_uri=", "%", "+", "%C3%A9", "%FF",
            "\"grant_type\":", "\"scope\":", "\"resource\":", "\"client_id\":", "[", "]", "null", "true", "1e5"})
    void parse(byte[] input) {
        Request request = Request.of(input);
        try {
            Parameters parameters = Parameters.of(RequestBody.parse(request.contentType(), request.body()),
                    Set.of("resource"));
            assertRedacted(ClientAuthentication.parse(Optional.ofNullable(request.authorization()), parameters));
            assertRedacted(TokenRequestParser.parse(parameters));
        } catch (RequestParseException e) {
            assertTrue(DOCUMENTED.contains(e.error()), e.error().code());
        }
    }

    private static void assertRedacted(ClientAuthentication authentication) {
        if (authentication instanceof ClientAuthentication.Basic basic) {
            assertEquals(new ClientAuthentication.Basic(basic.id(), "other").toString(), basic.toString());
        } else if (authentication instanceof ClientAuthentication.Post post) {
            assertEquals(new ClientAuthentication.Post(post.id(), "other").toString(), post.toString());
        }
    }

    private static void assertRedacted(TokenRequest request) {
        if (request instanceof TokenRequest.Password p) {
            assertEquals(new TokenRequest.Password(p.username(), "other", p.scope(), p.resources()).toString(),
                    p.toString());
        } else if (request instanceof TokenRequest.RefreshToken r) {
            assertEquals(new TokenRequest.RefreshToken("other", r.scope()).toString(), r.toString());
        } else if (request instanceof TokenRequest.AuthorizationCode c) {
            assertEquals(new TokenRequest.AuthorizationCode("other", c.redirectUri(), "other").toString(),
                    c.toString());
        }
    }

    /** The parts of a token request that its parsers read. */
    record Request(String contentType, String authorization, String body) {

        static Request of(byte[] input) {
            int end = headerEnd(input);
            if (end < 0) {
                return new Request(null, null, new String(input, StandardCharsets.UTF_8));
            }
            String contentType = null;
            String authorization = null;
            for (String line : new String(input, 0, end, StandardCharsets.ISO_8859_1).split("\r?\n")) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : line.substring(colon + 1).strip();
                if (name.equals("content-type")) {
                    contentType = value;
                } else if (name.equals("authorization")) {
                    authorization = value;
                }
            }
            int bodyStart = end + (input[end] == '\r' ? 2 : 1);
            return new Request(contentType, authorization, new String(input, Math.min(bodyStart, input.length),
                    Math.max(0, input.length - bodyStart), StandardCharsets.UTF_8));
        }

        /** Where the empty line after the headers starts ("\n\n" or "\r\n\r\n"), or -1. */
        private static int headerEnd(byte[] input) {
            for (int i = 1; i < input.length; i++) {
                if (input[i] == '\n' && input[i - 1] == '\n') {
                    return i;
                }
                if (input[i] == '\r' && input[i - 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
