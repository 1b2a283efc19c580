package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRejectionTest {

    private static Function<String, List<String>> headers(Map<String, List<String>> values) {
        Map<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(values);
        return name -> ci.getOrDefault(name, List.of());
    }

    private static boolean rejected(int status, String name, String value) {
        return TokenRejection.tokenRejected(status, headers(Map.of(name, List.of(value))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Bearer error=\"invalid_token\"",
        "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"",
        "bEaReR ERROR=\"invalid_token\"",
        "Bearer realm=\"api\",error=invalid_token",
        "DPoP algs=\"ES256\", error=\"invalid_token\"",
    })
    void invalidTokenChallengeIsARejection(String challenge) {
        assertTrue(rejected(401, "WWW-Authenticate", challenge));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Bearer realm=\"api\"",
        "Bearer error=\"insufficient_scope\"",
        "Bearer error=\"invalid_request\"",
        "Bearer error_description=\"invalid_token\"",
        "Basic realm=\"x\"",
    })
    void otherChallengesAreNot(String challenge) {
        assertFalse(rejected(401, "WWW-Authenticate", challenge));
    }

    @Test
    void ripsHeadersAreRejections() {
        assertTrue(rejected(401, "X-API-Expired", "true"));
        assertTrue(rejected(401, "x-api-revoked", "TRUE"));
        assertFalse(rejected(401, "X-API-Expired", "false"));
    }

    @Test
    void onlyA401IsARejection() {
        assertFalse(rejected(403, "WWW-Authenticate", "Bearer error=\"invalid_token\""));
        assertFalse(rejected(200, "X-API-Expired", "true"));
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCase() {
        assertTrue(rejected(401, "www-authenticate".toUpperCase(Locale.ROOT), "Bearer error=\"invalid_token\""));
    }

    @Test
    void useDpopNonceWithANonceHeaderIsANonceRequestNotARejection() {
        Function<String, List<String>> h = headers(Map.of(
                "WWW-Authenticate", List.of("DPoP error=\"use_dpop_nonce\", error_description=\"x\""),
                "DPoP-Nonce", List.of("n1")));
        assertTrue(TokenRejection.nonceRequested(401, h));
        assertFalse(TokenRejection.tokenRejected(401, h));
        assertFalse(TokenRejection.nonceRequested(400, h));
        assertFalse(TokenRejection.nonceRequested(401, headers(Map.of(
                "WWW-Authenticate", List.of("DPoP error=\"use_dpop_nonce\"")))));
    }

    @Test
    void resourceMetadataIsReadFromTheChallenge() {
        Function<String, List<String>> h = headers(Map.of("WWW-Authenticate", List.of(
                "Bearer realm=\"api\", "
                        + "resource_metadata=\"https://api.example/.well-known/oauth-protected-resource\"")));
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.Optional.of("https://api.example/.well-known/oauth-protected-resource"),
                TokenRejection.resourceMetadata(401, h));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.empty(),
                TokenRejection.resourceMetadata(403, h));
    }
}
