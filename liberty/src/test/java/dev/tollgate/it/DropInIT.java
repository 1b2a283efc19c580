package dev.tollgate.it;

import static dev.tollgate.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.testing.HostileToken;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.it.support.DropInArchives;
import dev.tollgate.it.support.LibertyServer;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application never written for the gate — a plain JAX-RS WAR with no dependency on Tollgate — plus the gate's
 * drop-in bundle in WEB-INF/lib, deployed to Liberty. It is protected by configuration alone: the server's {@code tollgate.gate.*}
 * variables (profile-it.xml) and the web-fragment in the jar.
 */
@ExtendWith(ArquillianExtension.class)
class DropInIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DropInArchives.plainAppWithGate("plain-app");
    }

    @ArquillianResource
    URL base;

    @Test
    void requestWithoutCredentialsIsChallenged() {
        HttpResponse<String> response = get("greeting");

        assertProblem(response, ProblemType.MISSING_CREDENTIALS);
        assertTrue(response.headers().allValues("WWW-Authenticate").contains("Bearer realm=\"tollgate\""));
    }

    @Test
    void validTokenMakesTheCallerTheContainersPrincipal() {
        String token = TestTokens.token().subject("alice").roles("admin").sign();

        HttpResponse<String> response = get("greeting", "Authorization", "Bearer " + token);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("hello alice admin=true scheme=BEARER", response.body());
    }

    @Test
    void rolesComeFromTheTokensClaims() {
        String token = TestTokens.token().subject("bob").roles("user").sign();

        HttpResponse<String> response = get("greeting", "Authorization", "Bearer " + token);

        assertEquals("hello bob admin=false scheme=BEARER", response.body());
    }

    @Test
    void expiredTokenIsRefusedWithTheExpiredHeader() {
        HttpResponse<String> response = get("greeting", "Authorization", "Bearer " + HostileToken.EXPIRED.token());

        assertProblem(response, ProblemType.TOKEN_EXPIRED);
        assertEquals("true", response.headers().firstValue("X-API-Expired").orElseThrow());
    }

    private HttpResponse<String> get(String path, String... headers) {
        return LibertyServer.send(LibertyServer.requestTo(base.toString() + path, headers).GET().build());
    }
}
