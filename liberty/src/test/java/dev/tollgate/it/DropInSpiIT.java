package dev.tollgate.it;

import static dev.tollgate.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.testing.DemoPlainCredentialVerifier;
import dev.tollgate.impl.testing.DemoRevocationChecker;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.it.support.DropInArchives;
import dev.tollgate.it.support.LibertyServer;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The drop-in gate with the application's own SPIs, found through ServiceLoader: plain-header credentials, their
 * throttling, and revocation.
 */
@ExtendWith(ArquillianExtension.class)
class DropInSpiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DropInArchives.plainAppWithGateAndSpis("spi-app");
    }

    @ArquillianResource
    URL base;

    @Test
    void plainHeadersOfAKnownAccountAreAdmitted() {
        HttpResponse<String> response = get("greeting", "X-API-Email", DemoPlainCredentialVerifier.EMAIL,
                "X-API-Password", DemoPlainCredentialVerifier.PASSWORD);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("hello carol@example.com admin=true scheme=X-API-HEADERS", response.body());
    }

    @Test
    void wrongPlainHeadersAreRefusedWithBothChallenges() {
        HttpResponse<String> response = get("greeting", "X-API-Email", DemoPlainCredentialVerifier.EMAIL,
                "X-API-Password", "not-the-password");

        assertProblem(response, ProblemType.INVALID_CREDENTIALS);
        List<String> challenges = response.headers().allValues("WWW-Authenticate");
        assertTrue(challenges.contains("Bearer realm=\"tollgate\""), challenges::toString);
        assertTrue(challenges.contains("X-API-Headers realm=\"tollgate\""), challenges::toString);
    }

    @Test
    void repeatedFailuresForOneAccountAreThrottled() {
        String email = "guesser-" + UUID.randomUUID() + "@example.com";
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals(401, get("greeting", "X-API-Email", email, "X-API-Password", "guess-" + attempt)
                    .statusCode());
        }

        HttpResponse<String> response = get("greeting", "X-API-Email", email, "X-API-Password", "guess-6");

        assertProblem(response, ProblemType.TOO_MANY_ATTEMPTS);
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
    }

    @Test
    void revokedTokenIsRefusedWithTheRevokedHeader() {
        String token = TestTokens.token().jwtId(DemoRevocationChecker.REVOKED_JTI).sign();

        HttpResponse<String> response = get("greeting", "Authorization", "Bearer " + token);

        assertProblem(response, ProblemType.TOKEN_REVOKED);
        assertEquals("true", response.headers().firstValue("X-API-Revoked").orElseThrow());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.contains("error=\"invalid_token\""), challenge);
    }

    private HttpResponse<String> get(String path, String... headers) {
        return LibertyServer.send(LibertyServer.requestTo(base.toString() + path, headers).GET().build());
    }
}
