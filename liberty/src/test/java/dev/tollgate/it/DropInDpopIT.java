package dev.tollgate.it;

import static dev.tollgate.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.testing.HostileProof;
import dev.tollgate.impl.testing.TestProofs;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.it.support.DropInArchives;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DPoP (RFC 9449) and protected-resource metadata (RFC 9728) at the drop-in gate, in Liberty over HTTP: the plain
 * JAX-RS application with the gate's bundle, and two context-params, {@code tollgate.gate.external-base-url} (the URL
 * the tests reach Liberty by) and a resource name. The gate trusts the test issuer (profile-it.xml); tokens bound to
 * the client's EC key ({@code cnf.jkt}) are minted here, and proofs are made with Nimbus.
 */
@ExtendWith(ArquillianExtension.class)
class DropInDpopIT {

    static final String CONTEXT = "/dpop-app";
    static final String ALGS = "ES256 RS256 PS256 EdDSA";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DropInArchives.plainAppWithGate(CONTEXT.substring(1)).setWebXML(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param>
                    <param-name>tollgate.gate.external-base-url</param-name>
                    <param-value>%s</param-value>
                  </context-param>
                  <context-param>
                    <param-name>tollgate.gate.resource-metadata.resource-name</param-name>
                    <param-value>Greeting API</param-value>
                  </context-param>
                </web-app>
                """.formatted(LibertyServer.baseUrl())));
    }

    @ArquillianResource
    URL base;

    /** The URI as the gate sees it: the external base URL and the path. */
    static String htu(String path) {
        return LibertyServer.baseUrl() + CONTEXT + "/" + path;
    }

    static String metadataUrl() {
        return LibertyServer.baseUrl() + CONTEXT + "/.well-known/oauth-protected-resource";
    }

    static String boundToken() {
        return TestTokens.token().subject("alice").roles("admin").claim("cnf", TestProofs.cnf(TestProofs.EC)).sign();
    }

    static String proof(String token) {
        return TestProofs.proof(TestProofs.EC, Instant.now()).uri(htu("greeting")).token(token).sign();
    }

    static String bearer() {
        return "Bearer realm=\"tollgate\", resource_metadata=\"" + metadataUrl() + "\"";
    }

    static String dpop() {
        return "DPoP realm=\"tollgate\", algs=\"" + ALGS + "\", resource_metadata=\"" + metadataUrl() + "\"";
    }

    /** The challenge with the error, as the gate writes it. */
    static String withError(String scheme, ProblemType problem, String description) {
        String error = "realm=\"tollgate\", error=\"" + problem.bearerError().code() + "\", error_description=\""
                + description + "\"";
        return scheme.equals("DPoP")
                ? "DPoP " + error + ", algs=\"" + ALGS + "\", resource_metadata=\"" + metadataUrl() + "\""
                : "Bearer " + error + ", resource_metadata=\"" + metadataUrl() + "\"";
    }

    /** The refusal: status, problem body, no-store, and exactly the two challenges, the error in {@code scheme}'s. */
    static void assertRefused(HttpResponse<String> response, ProblemType problem, String scheme) {
        Map<String, Object> body = assertProblem(response, problem);
        assertEquals(problem.title(), body.get("title"));
        assertEquals(CONTEXT + "/greeting", body.get("instance"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        String description = (String) body.get("detail");
        assertEquals(scheme.equals("DPoP") ? List.of(withError("DPoP", problem, description), bearer())
                        : List.of(withError("Bearer", problem, description), dpop()),
                response.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void dpopRequestWithAGoodProofSucceeds() {
        String token = boundToken();

        HttpResponse<String> response = get("greeting", "Authorization", "DPoP " + token, "DPoP", proof(token));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("hello alice admin=true"), response.body());
    }

    @Test
    void replayedProofIsRefused() {
        String token = boundToken();
        String proof = proof(token);
        assertEquals(200, get("greeting", "Authorization", "DPoP " + token, "DPoP", proof).statusCode());

        HttpResponse<String> replay = get("greeting", "Authorization", "DPoP " + token, "DPoP", proof);

        assertRefused(replay, ProblemType.DPOP_PROOF_REPLAYED, "DPoP");
    }

    @Test
    void proofForAnotherUriIsRefused() {
        String token = boundToken();
        String proof = TestProofs.proof(TestProofs.EC, Instant.now()).uri(htu("other")).token(token).sign();

        assertRefused(get("greeting", "Authorization", "DPoP " + token, "DPoP", proof), ProblemType.DPOP_PROOF_URI,
                "DPoP");
    }

    @Test
    void proofForAnotherTokenIsRefused() {
        String token = boundToken();
        String proof = TestProofs.proof(TestProofs.EC, Instant.now()).uri(htu("greeting")).token(boundToken())
                .sign();

        assertRefused(get("greeting", "Authorization", "DPoP " + token, "DPoP", proof),
                ProblemType.DPOP_PROOF_TOKEN_HASH, "DPoP");
    }

    @Test
    void boundTokenUsedAsBearerIsRefused() {
        // RFC 9449 §7.2: a stolen DPoP-bound token is no Bearer token
        assertRefused(get("greeting", "Authorization", "Bearer " + boundToken()), ProblemType.TOKEN_DPOP_BOUND,
                "Bearer");
    }

    @ParameterizedTest
    @EnumSource(HostileProof.class)
    void everyBrokenProofIsRefusedForItsReason(HostileProof broken) {
        String token = boundToken();
        String proof = broken.proof(Instant.now(), "GET", htu("greeting"), token);

        assertRefused(get("greeting", "Authorization", "DPoP " + token, "DPoP", proof), broken.expected(), "DPoP");
    }

    @Test
    void unauthenticatedRequestNamesTheMetadataWhichIsServedPublicly() {
        HttpResponse<String> challenge = get("greeting");

        assertProblem(challenge, ProblemType.MISSING_CREDENTIALS);
        List<String> challenges = challenge.headers().allValues("WWW-Authenticate");
        assertTrue(challenges.contains(bearer()), challenges::toString);
        assertTrue(challenges.contains(dpop()), challenges::toString);

        HttpResponse<String> metadata = LibertyServer.send(LibertyServer.requestTo(metadataUrl()).GET().build());

        assertEquals(200, metadata.statusCode(), metadata.body());
        assertEquals("application/json", metadata.headers().firstValue("Content-Type").orElseThrow()
                .split(";")[0].trim());
        assertEquals("public, max-age=3600", metadata.headers().firstValue("Cache-Control").orElseThrow());
        Map<String, Object> document = Problems.json(metadata);
        // RFC 9728 §2: resource (REQUIRED) is the application's URL; the rest comes from configuration
        assertEquals(LibertyServer.baseUrl() + CONTEXT, document.get("resource"));
        assertEquals(List.of(TestTokens.ISSUER), document.get("authorization_servers"));
        assertEquals(List.of("header"), document.get("bearer_methods_supported"));
        assertEquals("Greeting API", document.get("resource_name"));
        assertEquals(List.of("ES256", "RS256", "PS256", "EdDSA"), document.get("dpop_signing_alg_values_supported"));
        assertEquals(false, document.get("dpop_bound_access_tokens_required"));
    }

    @Test
    void unboundBearerTokenStillWorks() {
        HttpResponse<String> response = get("greeting", "Authorization",
                "Bearer " + TestTokens.token().subject("bob").sign());

        assertEquals(200, response.statusCode(), response.body());
    }

    private HttpResponse<String> get(String path, String... headers) {
        return LibertyServer.send(LibertyServer.requestTo(base.toString() + path, headers).GET().build());
    }
}
