package dev.tollgate.it.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.foreign.support.Required;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.UserSubjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * oauth4webapi (npm, pinned in {@code src/test/node/oauth4webapi}) as an independent client of this server over real
 * HTTP: discovery, client credentials with private_key_jwt, then PAR and the code flow with PKCE, logging in through
 * the server's pages from the script ({@code client.mjs}). It runs in the H2 round, against the real Liberty server:
 * the foreign suite brings its own servers and has no Tollgate server to talk to. Node.js and {@code npm ci} are
 * required: a missing piece fails under {@code CI=true} ({@link Required}).
 */
class Oauth4webapiIT {

    private static final Path DIR = Path.of(System.getProperty("it.oauth4webapi.dir", "src/test/node/oauth4webapi"));
    private static final String REDIRECT = "https://client.it.tollgate.dev/cb";

    private static String clientId;
    private static ECKey key;

    @BeforeAll
    static void requireNodeAndRegisterClient() throws Exception {
        Required.piece(Files.isDirectory(DIR.resolve("node_modules/oauth4webapi")),
                "oauth4webapi from npm (run: npm ci --prefix " + DIR + ")");
        Required.piece(runs("node", "--version"), "Node.js (node on the PATH)");
        key = new ECKeyGenerator(Curve.P_256).keyID("o4w-key").generate();
        Map<String, Object> registered = Registrations.registered("""
                {"client_name":"IT oauth4webapi","grant_types":["client_credentials","authorization_code"],
                 "response_types":["code"],"redirect_uris":["%s"],"scope":"read",
                 "token_endpoint_auth_method":"private_key_jwt","jwks":%s}"""
                .formatted(REDIRECT, new JWKSet(key.toPublicJWK()).toString()));
        clientId = (String) registered.get("client_id");
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs client.mjs; its one line of JSON. */
    private static Map<String, Object> runClient(boolean dpop) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "client.mjs").directory(DIR.toFile());
        Map<String, String> env = builder.environment();
        env.put("TOLLGATE_ISSUER", LibertyServer.baseUrl());
        env.put("CLIENT_ID", clientId);
        env.put("CLIENT_JWK", key.toJSONString());
        env.put("REDIRECT_URI", REDIRECT);
        env.put("USERNAME", Browser.USER);
        env.put("PASSWORD", Browser.PASSWORD);
        env.put("DPOP", Boolean.toString(dpop));
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "client.mjs did not finish");
        String stdout = new String(out, StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), () -> "client.mjs failed: " + err + stdout);
        return JSONObjectUtils.parse(stdout);
    }

    @Test
    @SuppressWarnings("unchecked")
    void oauth4webapiDoesDiscoveryPrivateKeyJwtAndParWithTheCodeFlow() throws Exception {
        Map<String, Object> result = runClient(false);

        Map<String, Object> discovery = (Map<String, Object>) result.get("discovery");
        assertEquals(LibertyServer.baseUrl(), discovery.get("issuer"));
        assertEquals(LibertyServer.baseUrl() + "/oauth2/par", discovery.get("pushed_authorization_request_endpoint"));
        assertTrue(((List<String>) discovery.get("token_endpoint_auth_methods_supported")).contains("private_key_jwt"));

        Map<String, Object> clientCredentials = (Map<String, Object>) result.get("clientCredentials");
        assertTrue("bearer".equalsIgnoreCase((String) clientCredentials.get("token_type")));
        assertEquals("read", clientCredentials.get("scope"));
        assertEquals(Boolean.TRUE, clientCredentials.get("has_access_token"));

        Map<String, Object> par = (Map<String, Object>) result.get("par");
        assertEquals(60L, ((Number) par.get("expires_in")).longValue());
        assertEquals("urn:ietf:params:oauth:request_uri:", par.get("request_uri_prefix"));

        Map<String, Object> code = (Map<String, Object>) result.get("code");
        assertTrue("bearer".equalsIgnoreCase((String) code.get("token_type")));
        assertEquals("read", code.get("scope"));

        Map<String, Object> reused = (Map<String, Object>) result.get("requestUriReused");
        assertEquals(400L, ((Number) reused.get("status")).longValue(), "a request_uri is used once");
    }

    /**
     * The same with oauth4webapi's DPoP handle (RFC 9449): both tokens come back {@code token_type: DPoP} with
     * {@code cnf.jkt} the thumbprint of oauth4webapi's own proof key, and the server's gated demo API admits each
     * with oauth4webapi's proof and refuses it as {@code Bearer} (§7.2). The IT server asks for no DPoP nonce, so
     * none is exchanged here.
     */
    @Test
    @SuppressWarnings("unchecked")
    void oauth4webapiWithDpopGetsBoundTokensThatTheGateAdmitsOnlyWithItsProof() throws Exception {
        Map<String, Object> result = runClient(true);

        String jkt = JWK.parse((Map<String, Object>) result.get("dpopPublicJwk")).computeThumbprint().toString();
        for (String grant : List.of("clientCredentials", "code")) {
            Map<String, Object> tokens = (Map<String, Object>) result.get(grant);
            assertEquals("dpop", ((String) tokens.get("token_type")).toLowerCase(Locale.ROOT), grant);
            assertEquals(Map.of("jkt", jkt), tokens.get("cnf"), grant);

            Map<String, Object> api = (Map<String, Object>) tokens.get("api");
            Map<String, Object> withProof = (Map<String, Object>) api.get("dpop");
            assertEquals(200L, ((Number) withProof.get("status")).longValue(), () -> grant + ": " + withProof);
            Map<String, Object> caller = (Map<String, Object>) withProof.get("body");
            assertEquals(clientId, caller.get("client_id"), grant);
            assertEquals(grant.equals("code") ? UserSubjects.of(Browser.USER) : clientId, caller.get("subject"), grant);
            Map<String, Object> asBearer = (Map<String, Object>) api.get("bearer");
            assertEquals(401L, ((Number) asBearer.get("status")).longValue(), grant);
            assertEquals(ProblemType.TOKEN_DPOP_BOUND.type().toString(), asBearer.get("problem_type"), grant);
            String challenge = (String) asBearer.get("www_authenticate");
            assertTrue(challenge.contains("Bearer") && challenge.contains("error=\"invalid_token\""),
                    () -> grant + ": " + challenge);
        }
    }
}
