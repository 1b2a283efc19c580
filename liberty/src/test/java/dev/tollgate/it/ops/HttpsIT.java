package dev.tollgate.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS (README, "HTTPS"): the runnable jar with TOLLGATE_TLS=on and a key store from the environment, generated
 * here by keytool for 127.0.0.1. Over HTTPS: HSTS (RFC 6797) and {@code Secure} flow cookies; over the plain HTTP
 * port that stays open beside it: neither.
 */
class HttpsIT {

    private static final String KEYSTORE_PASSWORD = "ops-keystore-password-1";
    /** The authorization-code client of this suite (declared in the environment). */
    private static final String AUTHORIZE_QUERY = "response_type=code&client_id=ops-web"
            + "&redirect_uri=https%3A%2F%2Fclient.ops.tollgate.dev%2Fcb&scope=read&state=st-1"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    private static RunnableJar server;
    private static String https;
    private static OpsHttp tls;
    private static final OpsHttp HTTP = OpsHttp.plain();

    @BeforeAll
    static void start() throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "ops", "tls-keys").toAbsolutePath());
        Path keyStore = folder.resolve("tollgate.p12");
        Files.deleteIfExists(keyStore);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process generate = new ProcessBuilder(keytool, "-genkeypair", "-alias", "tollgate", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(generate.getInputStream().readAllBytes());
        assertTrue(generate.waitFor(60, TimeUnit.SECONDS) && generate.exitValue() == 0, output);
        tls = OpsHttp.trusting(trusting(keyStore));

        int httpPort = RunnableJar.portBase();
        int httpsPort = httpPort + 1;
        https = "https://127.0.0.1:" + httpsPort;
        Map<String, String> environment = new HashMap<>(RunnableJarIT.environment(https));
        environment.put("TOLLGATE_TLS", "on");
        environment.put("HTTPS_PORT", String.valueOf(httpsPort));
        environment.put("TOLLGATE_TLS_KEYSTORE_PATH", keyStore.toString());
        environment.put("TOLLGATE_TLS_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        // The web client in a clients file named by the environment: an attribute with a hyphen (redirect-uris)
        // cannot be an environment variable of its own (TOLLGATE_CLIENTS_OPS_WEB_REDIRECT_URIS reads back as
        // ...redirect.uris).
        Path clients = folder.resolve("clients.json");
        Files.writeString(clients, """
                {"clients": {"ops-web": {"name": "Ops web", "public": true, "grants": ["authorization_code"],
                  "redirect-uris": ["https://client.ops.tollgate.dev/cb"], "scopes": ["read"]}}}
                """);
        environment.put("TOLLGATE_CLIENTS_FILE", clients.toString());
        server = RunnableJar.start("jar-tls", httpPort, environment);
    }

    /** Trusts the server's own certificate, and nothing else. */
    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore generated = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            generated.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        Certificate certificate = generated.getCertificate("tollgate");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("tollgate", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void discoveryWhenOverHttpsThenHstsAndTheHttpsIssuer() throws Exception {
        HttpResponse<String> response = tls.get(https + "/.well-known/openid-configuration");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("max-age=31536000; includeSubDomains",
                response.headers().firstValue("Strict-Transport-Security").orElse(null));
        assertEquals(https + "/oauth2/token", JSONObjectUtils.parse(response.body()).get("token_endpoint"));
    }

    @Test
    void tokenWhenOverHttpsThenIssuedWithHsts() throws Exception {
        HttpResponse<String> response = tls.clientCredentials(https, RunnableJarIT.CLIENT,
                RunnableJarIT.CLIENT_SECRET, "read");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Strict-Transport-Security").isPresent());
        assertEquals(https, SignedJWT.parse(
                (String) JSONObjectUtils.parse(response.body()).get("access_token")).getJWTClaimsSet().getIssuer());
    }

    @Test
    void errorWhenOverHttpsThenHstsToo() throws Exception {
        HttpResponse<String> response = tls.get(https + "/api/me");

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Strict-Transport-Security").isPresent(), response.headers().toString());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void plainHttpWhenTlsOnThenStillOpenWithoutHsts() {
        HttpResponse<String> response = HTTP.get(server.baseUrl() + "/health/ready");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Strict-Transport-Security").isEmpty(), response.headers().toString());
    }

    @Test
    void flowCookieWhenOverHttpsThenSecure() {
        HttpResponse<String> response = tls.get(https + "/oauth2/authorize?" + AUTHORIZE_QUERY);

        String cookie = flowCookie(response.headers().allValues("Set-Cookie"), "tollgate_browser");
        List<String> attributes = List.of(cookie.split(";\\s*"));
        assertTrue(attributes.stream().anyMatch("Secure"::equalsIgnoreCase), cookie);
        assertTrue(attributes.stream().anyMatch("HttpOnly"::equalsIgnoreCase), cookie);
    }

    @Test
    void flowCookieWhenOverPlainHttpThenNotSecure() {
        HttpResponse<String> response = HTTP.get(server.baseUrl() + "/oauth2/authorize?" + AUTHORIZE_QUERY);

        String cookie = flowCookie(response.headers().allValues("Set-Cookie"), "tollgate_browser");
        assertFalse(List.of(cookie.split(";\\s*")).stream().anyMatch("Secure"::equalsIgnoreCase), cookie);
    }

    @Test
    void handshakeWhenClientDoesNotTrustTheCertificateThenRefused() {
        assertThrows(UncheckedIOException.class, () -> HTTP.get(https + "/health/ready"));
    }

    private static String flowCookie(List<String> setCookies, String name) {
        return setCookies.stream().filter(cookie -> cookie.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + setCookies));
    }
}
