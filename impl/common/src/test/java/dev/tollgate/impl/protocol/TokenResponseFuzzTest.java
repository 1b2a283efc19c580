package dev.tollgate.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Fuzzes the token client's reading of a token response (RFC 6749 §5.1), {@link TokenResponse#parse(String)}: the
 * input is the response body, as UTF-8.
 *
 * <p>Property: the body is either a {@link TokenResponse} or a {@link MessageParseException}, never another
 * exception; a response that parses survives a round trip ({@code toJson}, then {@code parse}) unchanged; its
 * lifetimes can be added to a clock reading and counted in milliseconds, as the token client does with them; its
 * {@code toString} shows no token. Seeds: {@code TokenResponseFuzzTestInputs/parse/}.
 */
class TokenResponseFuzzTest {

    @FuzzTest(maxDuration = "2s")
    @DictionaryEntries({"\"access_token\":", "\"token_type\":", "\"expires_in\":", "\"refresh_token\":",
            "\"refresh_expires_in\":", "\"scope\":", "\"id_token\":", "\"Bearer\"", "\"DPoP\"", "1e308", "-1",
            "9223372036854775807", "\"\\u001c\"", "\"\\u2028\""})
    void parse(byte[] input) throws MessageParseException {
        TokenResponse response;
        try {
            response = TokenResponse.parse(new String(input, StandardCharsets.UTF_8));
        } catch (MessageParseException e) {
            return;
        }

        assertEquals(response, TokenResponse.parse(response.toJson()), "round trip");
        response.expiresIn().ifPresent(TokenResponseFuzzTest::assertUsableLifetime);
        response.refreshExpiresIn().ifPresent(TokenResponseFuzzTest::assertUsableLifetime);
        TokenResponse otherTokens = new TokenResponse("other", response.tokenType(), response.expiresIn(),
                response.refreshToken().map(token -> "other"), response.refreshExpiresIn(), response.scope(),
                response.idToken().map(token -> "other"));
        assertEquals(otherTokens.toString(), response.toString(), "toString does not depend on the tokens");
    }

    /** What the token client computes from a lifetime: an expiry instant, and milliseconds. */
    private static void assertUsableLifetime(Duration lifetime) {
        assertDoesNotThrow(() -> Instant.now().plus(lifetime), "a lifetime that no clock can add");
        assertDoesNotThrow(lifetime::toMillis, "a lifetime too long for milliseconds");
    }
}
