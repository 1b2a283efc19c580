package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialExtractorTest {

    private final CredentialExtractor extractor = new CredentialExtractor(true, "X-API-Email", "X-API-Password");

    /** Headers as name/value pairs; a name may repeat. Names match case-insensitively, as in HTTP. */
    private static Headers headers(String... namesAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i].toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                    .add(namesAndValues[i + 1]);
        }
        return name -> map.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    private Credentials extract(String... namesAndValues) {
        return extractor.extract(headers(namesAndValues));
    }

    private final CredentialExtractor withDpop = new CredentialExtractor(true, "X-API-Email", "X-API-Password", true);

    @ParameterizedTest
    @ValueSource(strings = {"DPoP", "dpop", "DPOP"})
    void dpopTokenIsExtractedWithEveryProofHeader(String scheme) {
        assertEquals(new Credentials.Dpop("abc.def.ghi", List.of("p1", "p2")), withDpop.extract(headers(
                "Authorization", scheme + " abc.def.ghi", "DPoP", "p1", "dpop", "p2")));
    }

    @Test
    void dpopSchemeIsNotOursWhenDpopIsOff() {
        assertInstanceOf(Credentials.None.class, extract("Authorization", "DPoP abc.def.ghi", "DPoP", "p"));
    }

    @Test
    void emptyDpopTokenOrOneBesidePlainHeadersIsMalformed() {
        assertInstanceOf(Credentials.Malformed.class, withDpop.extract(headers("Authorization", "DPoP ")));
        assertInstanceOf(Credentials.Malformed.class, withDpop.extract(headers("Authorization", "DPoP a b")));
        assertInstanceOf(Credentials.Malformed.class, withDpop.extract(headers("Authorization", "DPoP x",
                "X-API-Email", "a@example.com", "X-API-Password", "p")));
    }

    @Test
    void dpopCredentialsNeverPrintTheTokenOrProof() {
        assertEquals("DPoP[****, 1 proof(s)]", new Credentials.Dpop("secret-token", List.of("proof")).toString());
    }

    @Test
    void noHeadersAreNoCredentials() {
        assertInstanceOf(Credentials.None.class, extract());
    }

    @Test
    void bearerTokenIsExtracted() {
        assertEquals(new Credentials.Bearer("abc.def.ghi"), extract("Authorization", "Bearer abc.def.ghi"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "BEARER", "bEaReR"})
    void bearerSchemeMatchesCaseInsensitively(String scheme) {
        assertEquals(new Credentials.Bearer("x"), extract("Authorization", scheme + " x"));
    }

    @Test
    void extraSpacesAroundTheTokenAreAllowed() {
        assertEquals(new Credentials.Bearer("tok"), extract("Authorization", "  Bearer   tok  "));
    }

    @Test
    void tokenWithAllBase64TokenCharactersIsExtracted() {
        String token = "aZ09-._~+/abc==";

        assertEquals(new Credentials.Bearer(token), extract("Authorization", "Bearer " + token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer    ", "bearer\t"})
    void bearerWithoutATokenIsMalformed(String value) {
        assertInstanceOf(Credentials.Malformed.class, extract("Authorization", value));
    }

    @Test
    void emptyAuthorizationHeaderIsMalformed() {
        assertInstanceOf(Credentials.Malformed.class, extract("Authorization", "   "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer a b", "Bearer a\tb", "Bearer a,  Bearer b", "Bearer a\u0001b"})
    void tokenWithWhitespaceOrControlCharactersIsMalformed(String value) {
        assertInstanceOf(Credentials.Malformed.class, extract("Authorization", value));
    }

    @Test
    void twoAuthorizationHeadersAreMalformed() {
        assertInstanceOf(Credentials.Malformed.class,
                extract("Authorization", "Bearer a", "Authorization", "Bearer b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWxpY2U6c2VjcmV0", "Digest username=\"a\"", "Bearerx abc", "Token abc"})
    void otherAuthorizationSchemesAreLeftToTheApplication(String value) {
        assertInstanceOf(Credentials.None.class, extract("Authorization", value));
    }

    @Test
    void plainHeadersAreExtracted() {
        assertEquals(new Credentials.PlainHeaders("alice@example.com", "s3cret"),
                extract("X-API-Email", "alice@example.com", "X-API-Password", "s3cret"));
    }

    @Test
    void plainHeaderNamesMatchCaseInsensitively() {
        assertInstanceOf(Credentials.PlainHeaders.class, extract("x-api-email", "a@b", "X-API-PASSWORD", "p"));
    }

    @Test
    void passwordKeepsItsSpaces() {
        assertEquals(new Credentials.PlainHeaders("a@b", " pass word "),
                extract("X-API-Email", "a@b", "X-API-Password", " pass word "));
    }

    @Test
    void emailWithoutPasswordIsMalformed() {
        assertInstanceOf(Credentials.Malformed.class, extract("X-API-Email", "a@b"));
    }

    @Test
    void passwordWithoutEmailIsMalformed() {
        assertInstanceOf(Credentials.Malformed.class, extract("X-API-Password", "p"));
    }

    @Test
    void repeatedPlainHeadersAreMalformed() {
        assertInstanceOf(Credentials.Malformed.class,
                extract("X-API-Email", "a@b", "X-API-Email", "c@d", "X-API-Password", "p"));
    }

    @Test
    void blankEmailIsMalformed() {
        assertInstanceOf(Credentials.Malformed.class, extract("X-API-Email", " ", "X-API-Password", "p"));
    }

    @Test
    void emptyPasswordIsMalformed() {
        assertInstanceOf(Credentials.Malformed.class, extract("X-API-Email", "a@b", "X-API-Password", ""));
    }

    @Test
    void bearerTogetherWithPlainHeadersIsMalformed() {
        assertInstanceOf(Credentials.Malformed.class,
                extract("Authorization", "Bearer t", "X-API-Email", "a@b", "X-API-Password", "p"));
    }

    @Test
    void bearerTogetherWithOnePlainHeaderIsMalformed() {
        assertInstanceOf(Credentials.Malformed.class, extract("Authorization", "Bearer t", "X-API-Email", "a@b"));
    }

    @Test
    void otherSchemeTogetherWithPlainHeadersIsPlainHeaders() {
        assertInstanceOf(Credentials.PlainHeaders.class,
                extract("Authorization", "Basic abc", "X-API-Email", "a@b", "X-API-Password", "p"));
    }

    @Test
    void plainHeadersAreIgnoredWhenDisabled() {
        CredentialExtractor bearerOnly = new CredentialExtractor(false, "X-API-Email", "X-API-Password");

        assertInstanceOf(Credentials.None.class, bearerOnly.extract(headers("X-API-Email", "a@b")));
        assertInstanceOf(Credentials.Bearer.class, bearerOnly.extract(headers("Authorization", "Bearer t",
                "X-API-Email", "a@b", "X-API-Password", "p")));
    }

    @Test
    void configuredPlainHeaderNamesAreUsed() {
        CredentialExtractor custom = new CredentialExtractor(true, "X-User", "X-Pass");

        assertEquals(new Credentials.PlainHeaders("u", "p"), custom.extract(headers("X-User", "u", "X-Pass", "p")));
        assertInstanceOf(Credentials.None.class, custom.extract(headers("X-API-Email", "a", "X-API-Password", "p")));
    }

    @Test
    void malformedReasonNeverQuotesTheCredentials() {
        for (Credentials malformed : Arrays.asList(
                extract("Authorization", "Bearer secret-token more"),
                extract("Authorization", "Bearer secret-token", "X-API-Email", "a@b", "X-API-Password", "pw-123"),
                extract("X-API-Password", "pw-123"))) {
            String reason = assertInstanceOf(Credentials.Malformed.class, malformed).reason();
            assertFalse(reason.contains("secret-token") || reason.contains("pw-123"), reason);
        }
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        assertFalse(new Credentials.Bearer("secret-token").toString().contains("secret-token"));
        assertFalse(new Credentials.PlainHeaders("a@b", "pw-123").toString().contains("pw-123"));
    }
}
