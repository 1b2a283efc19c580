package dev.tollgate.it.foreign.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.Caller;
import dev.tollgate.api.client.AccessToken;
import dev.tollgate.impl.client.AuthorizedHttpClient;
import dev.tollgate.impl.client.DefaultTokenClient;
import dev.tollgate.impl.client.TokenClients;
import dev.tollgate.impl.gate.GateFilter;
import dev.tollgate.it.foreign.support.Http;
import dev.tollgate.it.foreign.support.OidcProviderServer;
import dev.tollgate.it.foreign.support.Required;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tollgate's token client against a foreign authorization server, node-oidc-provider 9: client credentials with
 * {@code private_key_jwt} (RFC 7523) and DPoP (RFC 9449), for a DPoP-bound JWT access token of the orders API
 * ({@code cnf.jkt}), which the client then presents to a Tollgate gate (embedded Jetty, trusting the provider). A
 * second client must send the provider's DPoP nonce. The same token without the client's key — as Bearer, or as DPoP
 * with a proof of another key — is refused by the gate. And a client that knows only the API finds the provider
 * through the gate's RFC 9728 metadata.
 */
class ForeignClientIT {

    private static final String KEY_ID = "tollgate-it-client";

    static OidcProviderServer provider;
    static Server jetty;
    static String gateBase;
    static Path clientKeyPem;

    private DefaultTokenClient tokens;

    @BeforeAll
    static void startProviderAndGate() throws Exception {
        Path dir = Path.of(Required.property("it.foreign.dir"), "client");
        Files.createDirectories(dir);
        // The client's key: a test key made now, its private half in a PEM file for the client, its public half
        // registered with the provider (the client's jwks).
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(KEY_ID).generate();
        clientKeyPem = dir.resolve("client-key.pem");
        Files.writeString(clientKeyPem, pem("PRIVATE KEY", key.toECPrivateKey().getEncoded())
                + pem("PUBLIC KEY", key.toECPublicKey().getEncoded()));
        String jwks = new JWKSet(key.toPublicJWK()).toString();

        provider = OidcProviderServer.launchWithKeyClients(dir, Required.port(20), jwks).awaitReady();

        int gatePort = Required.port(21);
        gateBase = "http://127.0.0.1:" + gatePort;
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(gatePort);
        jetty.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(gated("/orders", Map.of(
                "tollgate.gate.issuer", provider.issuer(),
                "tollgate.gate.audience", OidcProviderServer.ORDERS_API,
                // DPoP is on with the URL clients use (for htu)
                "tollgate.gate.external-base-url", gateBase)));
        contexts.addHandler(gated("/orders-nonce", Map.of(
                "tollgate.gate.issuer", provider.issuer(),
                "tollgate.gate.audience", OidcProviderServer.ORDERS_API,
                "tollgate.gate.external-base-url", gateBase,
                // the gate's own DPoP nonce (RFC 9449 §9): the first call gets 401 use_dpop_nonce
                "tollgate.gate.dpop.nonce", "true")));
        jetty.setHandler(contexts);
        jetty.start();
    }

    private static ServletContextHandler gated(String path, Map<String, String> config) {
        ServletContextHandler context = new ServletContextHandler(path);
        FilterHolder gate = new FilterHolder(GateFilter.class);
        gate.setInitParameters(config);
        context.addFilter(gate, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WhoAmI()), "/whoami");
        return context;
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @AfterEach
    void closeClient() {
        if (tokens != null) {
            tokens.close();
        }
    }

    private DefaultTokenClient client(String clientId) {
        tokens = TokenClients.builder().name(clientId)
                .issuer(provider.issuer())
                .tokenUrl(provider.issuer() + "/token")
                .clientId(clientId)
                .set("auth-method", "private_key_jwt")
                .set("client-assertion.key-file", clientKeyPem.toString())
                .set("client-assertion.key-id", KEY_ID)
                .set("dpop.enabled", "true")
                .resource(OidcProviderServer.ORDERS_API)
                .scope("orders:read")
                .build();
        return tokens;
    }

    private static String whoami() {
        return gateBase + "/orders/whoami";
    }

    @Test
    void privateKeyJwtAndDpopGiveABoundTokenThatTheGateAccepts() throws Exception {
        DefaultTokenClient client = client("dpop-worker");

        AccessToken token = client.accessToken();
        assertEquals("DPoP", token.tokenType());
        Map<String, Object> claims = SignedJWT.parse(token.value()).getJWTClaimsSet().getJSONObjectClaim("cnf");
        assertEquals(client.dpop().orElseThrow().thumbprint(), claims.get("jkt"));

        HttpResponse<String> response = new AuthorizedHttpClient(HttpClient.newHttpClient(), client).send(
                HttpRequest.newBuilder(URI.create(whoami() + "?call=1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response::body);
        assertEquals("dpop-worker", JSONObjectUtils.parse(response.body()).get("client_id"));
    }

    @Test
    void theProvidersDpopNonceIsFetchedAndUsed() throws Exception {
        DefaultTokenClient client = client("dpop-nonce-worker");

        AccessToken token = client.accessToken();

        assertEquals("DPoP", token.tokenType());
        assertTrue(client.dpop().orElseThrow().nonce(URI.create(provider.issuer() + "/token")).isPresent());
        HttpResponse<String> response = new AuthorizedHttpClient(HttpClient.newHttpClient(), client).send(
                HttpRequest.newBuilder(URI.create(whoami())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
    }

    /** RFC 9728: the client knows only the API; the gate's 401 names its metadata, which names the provider. */
    @Test
    void clientThatKnowsOnlyTheResourceFindsTheProviderThroughTheGatesMetadata() throws Exception {
        tokens = TokenClients.builder().name("discovering")
                .clientId("dpop-worker")
                .set("auth-method", "private_key_jwt")
                .set("client-assertion.key-file", clientKeyPem.toString())
                .set("client-assertion.key-id", KEY_ID)
                .set("dpop.enabled", "true")
                .set("resource-metadata-discovery", "true")
                .set("resource-metadata-issuers", provider.issuer())
                .resource(OidcProviderServer.ORDERS_API)
                .scope("orders:read")
                .build();
        assertTrue(tokens.awaitingResourceDiscovery());

        HttpResponse<String> response = new AuthorizedHttpClient(HttpClient.newHttpClient(), tokens).send(
                HttpRequest.newBuilder(URI.create(whoami())).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response::body);
        assertEquals("dpop-worker", JSONObjectUtils.parse(response.body()).get("client_id"));
        assertTrue(!tokens.awaitingResourceDiscovery());
    }

    @Test
    void resourceDiscoveryRefusesAProviderThatIsNotAllowed() {
        tokens = TokenClients.builder().name("discovering")
                .clientId("dpop-worker")
                .set("auth-method", "private_key_jwt")
                .set("client-assertion.key-file", clientKeyPem.toString())
                .set("resource-metadata-discovery", "true")
                .set("resource-metadata-issuers", "https://login.other.example")
                .build();

        org.junit.jupiter.api.Assertions.assertThrows(dev.tollgate.api.error.TokenClientException.class,
                () -> new AuthorizedHttpClient(HttpClient.newHttpClient(), tokens).send(
                        HttpRequest.newBuilder(URI.create(whoami())).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
        assertTrue(tokens.awaitingResourceDiscovery());
    }

    /** The gate asks for its nonce (401 use_dpop_nonce + DPoP-Nonce): the client answers once with it. */
    @Test
    void theGatesDpopNonceIsUsedOnTheReplay() throws Exception {
        DefaultTokenClient client = client("dpop-worker");
        URI target = URI.create(gateBase + "/orders-nonce/whoami");

        HttpResponse<String> response = new AuthorizedHttpClient(HttpClient.newHttpClient(), client).send(
                HttpRequest.newBuilder(target).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response::body);
        assertTrue(client.dpop().orElseThrow().nonce(target).isPresent());
    }

    @Test
    void stolenDpopTokenSentAsBearerIsRefused() throws Exception {
        AccessToken token = client("dpop-worker").accessToken();

        HttpResponse<String> response = Http.send(Http.request(whoami())
                .header("Authorization", "Bearer " + token.value()).GET().build());

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().allValues("WWW-Authenticate").stream()
                .anyMatch(v -> v.startsWith("Bearer ") && v.contains("error=\"invalid_token\"")),
                response.headers()::toString);
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("")
                .split(";")[0]);
        assertEquals("https://tollgate.dev/problems/token-dpop-bound",
                JSONObjectUtils.parse(response.body()).get("type"));
    }

    @Test
    void stolenDpopTokenWithAProofOfAnotherKeyIsRefused() throws Exception {
        AccessToken token = client("dpop-worker").accessToken();
        ECKey thief = new ECKeyGenerator(Curve.P_256).generate();
        String proof = proof(thief, "GET", whoami(), token.value());

        HttpResponse<String> response = Http.send(Http.request(whoami())
                .header("Authorization", "DPoP " + token.value()).header("DPoP", proof).GET().build());

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().allValues("WWW-Authenticate").stream()
                .anyMatch(v -> v.startsWith("DPoP ") && v.contains("error=\"invalid_token\"")),
                response.headers()::toString);
        assertEquals("https://tollgate.dev/problems/dpop-key-binding",
                JSONObjectUtils.parse(response.body()).get("type"));
    }

    /** A well-formed RFC 9449 proof, signed with {@code key}. */
    private static String proof(ECKey key, String method, String url, String accessToken) throws Exception {
        byte[] ath = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("dpop+jwt")).jwk(key.toPublicJWK()).build(),
                new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", method)
                        .claim("htu", url).issueTime(new Date()).claim("ath", Base64URL.encode(ath).toString())
                        .build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Echoes the caller's client id. */
    static final class WhoAmI extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Caller caller = (Caller) request.getAttribute(Caller.REQUEST_ATTRIBUTE);
            response.setContentType("application/json");
            response.getWriter().print(JSONObjectUtils.toJSONString(Map.of("client_id",
                    caller.clientId().orElse(""))));
        }
    }
}
