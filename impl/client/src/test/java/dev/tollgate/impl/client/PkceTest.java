package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void challengeMatchesTheRfc7636AppendixBExample() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void challengeIsBase64UrlOfSha256OfTheVerifierWithoutPadding() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 100; i++) {
            String verifier = Pkce.verifier(random);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            String challenge = Pkce.challenge(verifier);
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(hash), challenge);
            assertFalse(challenge.contains("="));
            assertFalse(challenge.contains("+") || challenge.contains("/"));
        }
    }

    @Test
    void verifierHasTheLengthAndAlphabetRfc7636Requires() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String v = Pkce.verifier(random);
            // code-verifier = 43*128unreserved
            assertTrue(v.length() >= 43 && v.length() <= 128);
            assertTrue(v.matches("[A-Za-z0-9\\-._~]+"));
            assertTrue(seen.add(v));
        }
    }
}
