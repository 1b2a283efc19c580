package dev.tollgate.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.UserTokens;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.client.AuthorizationCodeFlow;
import dev.tollgate.impl.client.AuthorizedHttpClient;
import dev.tollgate.impl.client.DpopProofs;
import dev.tollgate.impl.client.InMemoryUserTokenStore;
import dev.tollgate.impl.client.SenderConstraint;
import dev.tollgate.impl.client.TokenClients;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.support.HeadlessChromium;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import dev.tollgate.it.support.UserSubjects;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 13 end to end, all three parts of Tollgate: a Tollgate token client with DPoP (RFC 9449) and
 * {@code private_key_jwt} (RFC 7523 §2.2) pushes its authorization request (RFC 9126) to the Tollgate server, a
 * user logs in and consents in headless Chromium, the client redeems the code for a DPoP-bound token and calls the
 * server's gated demo API through its {@code java.net.http} helper. The same token stolen, replayed as
 * {@code Bearer} or with the thief's own proof, is refused by the gate; a refresh stays bound to the client's key.
 *
 * <p>The server's client {@code it-e2e-dpop} is declared in profile-it.xml with the public key of
 * {@code src/test/resources/e2e/client-assertion.pem}. Without chromium this test <b>fails</b> when
 * {@code CI=true}, and is skipped otherwise.
 */
class DpopEndToEndIT {

    static final int CALLBACK_PORT = 9341;
    static final String CALLBACK = "http://127.0.0.1:" + CALLBACK_PORT + "/callback";
    private static final String CLIENT = "it-e2e-dpop";
    private static final String USER_KEY = "user-e2e";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void dpopClientWithAKeyThroughParAndChromiumThenBoundTokenOpensTheApiAndAStolenCopyIsRefused()
            throws Exception {
        Path assertionKey = Path.of(DpopEndToEndIT.class.getResource("/e2e/client-assertion.pem").toURI());
        try (AuthorizationCodeFlow flow = TokenClients.builder().name("e2e").issuer(LibertyServer.baseUrl())
                .clientId(CLIENT).grantType(GrantType.AUTHORIZATION_CODE).redirectUri(CALLBACK).scope("read")
                .set("auth-method", "private_key_jwt")
                .set("client-assertion.key-file", assertionKey.toString())
                .set("client-assertion.key-id", "it-e2e-key-1")
                .set("dpop.enabled", "true")
                .set("par", "always")
                .buildAuthorizationCodeFlow(new InMemoryUserTokenStore())) {
            AuthorizationCodeFlow.AuthorizationRequest start = flow.start(USER_KEY);
            // RFC 9126 §4: the pushed request leaves only client_id and request_uri in the browser's URL
            Map<String, String> authorize = Browser.query(start.uri().toString());
            assertEquals(List.of("client_id", "request_uri"), List.copyOf(authorize.keySet()), start.uri()::toString);
            assertEquals(CLIENT, authorize.get("client_id"));
            assertTrue(authorize.get("request_uri").startsWith("urn:ietf:params:oauth:request_uri:"),
                    authorize::toString);

            Map<String, String> callback = logInAndConsentInChromium(start.uri());
            assertEquals(start.state(), callback.get("state"));
            assertEquals(LibertyServer.baseUrl(), callback.get("iss"));

            UserTokens tokens = flow.complete(USER_KEY, callback);
            String jkt = ((SenderConstraint.Capable) flow.forUser(USER_KEY)).dpop().map(DpopProofs::thumbprint)
                    .orElseThrow();
            AccessToken first = tokens.accessToken();
            assertEquals("DPoP", first.tokenType());
            assertBoundTo(first, jkt);
            assertTrue(tokens.refreshToken().isPresent(), "refresh_token is a grant of the client");

            // the client's own helper: DPoP scheme, a proof with ath per call
            AuthorizedHttpClient api = new AuthorizedHttpClient(http, flow.forUser(USER_KEY));
            HttpResponse<String> me = api.send(LibertyServer.request("/api/me").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode(), me.body());
            assertEquals(UserSubjects.of(Browser.USER), Problems.json(me).get("subject"));
            assertEquals(CLIENT, Problems.json(me).get("client_id"));

            // the stolen token as Bearer: RFC 9449 §7.2
            HttpResponse<String> asBearer = LibertyServer.get("/api/me", "Authorization", "Bearer " + first.value());
            Problems.assertProblem(asBearer, ProblemType.TOKEN_DPOP_BOUND);
            assertChallenge(asBearer, "Bearer", "invalid_token");
            assertFalse(asBearer.body().contains(first.value()), "the token is not echoed");

            // the stolen token with the thief's own key: the proof is valid, the key is not the token's
            String thiefsProof = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(),
                    JWSAlgorithm.ES256).createDPoPJWT("GET", LibertyServer.uri("/api/me"),
                    new DPoPAccessToken(first.value())).serialize();
            HttpResponse<String> withThiefsProof = LibertyServer.get("/api/me", "Authorization",
                    "DPoP " + first.value(), "DPoP", thiefsProof);
            Problems.assertProblem(withThiefsProof, ProblemType.DPOP_KEY_BINDING);
            assertChallenge(withThiefsProof, "DPoP", "invalid_token");

            // a refresh through the client: a new token, still bound to the same key, still opens the API
            flow.invalidate(USER_KEY, first);
            AccessToken refreshed = flow.accessToken(USER_KEY);
            assertNotEquals(first.value(), refreshed.value());
            assertEquals("DPoP", refreshed.tokenType());
            assertBoundTo(refreshed, jkt);
            HttpResponse<String> again = api.send(LibertyServer.request("/api/me").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, again.statusCode(), again.body());
        }
    }

    /** The browser: the pushed request's URL, the login form, the consent page (unless remembered), the callback. */
    private static Map<String, String> logInAndConsentInChromium(URI authorize) throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(CALLBACK_PORT)) {
            WebDriver driver = chromium.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(authorize.toString());

            wait.until(d -> !d.findElements(By.name("username")).isEmpty());
            screenshot(driver, "login");
            driver.findElement(By.name("username")).sendKeys(Browser.USER);
            driver.findElement(By.name("password")).sendKeys(Browser.PASSWORD);
            driver.findElement(By.id("sign-in")).click();

            wait.until(d -> !d.findElements(By.id("allow")).isEmpty() || chromium.callbackQuery().isDone());
            if (!chromium.callbackQuery().isDone()) { // consent not remembered from an earlier run on this database
                assertTrue(driver.findElement(By.id("client-name")).getText().contains("IT end-to-end DPoP app"));
                screenshot(driver, "consent");
                driver.findElement(By.id("allow")).click();
            }
            String raw = chromium.callbackQuery().get(20, TimeUnit.SECONDS);
            return Browser.query("http://x/?" + raw);
        }
    }

    private static void assertBoundTo(AccessToken token, String jkt) throws Exception {
        // RFC 9449 §6.1: the JWT access token carries the thumbprint of the client's DPoP key
        assertEquals(Map.of("jkt", jkt), SignedJWT.parse(token.value()).getJWTClaimsSet().getClaim("cnf"));
    }

    private static void assertChallenge(HttpResponse<String> response, String scheme, String error) {
        List<String> challenges = response.headers().allValues("WWW-Authenticate");
        assertTrue(challenges.stream().anyMatch(c -> c.startsWith(scheme + " ")
                && c.contains("error=\"" + error + "\"")), challenges::toString);
        assertTrue(challenges.stream().anyMatch(c -> c.startsWith("DPoP ") && c.contains("algs=\"")),
                challenges::toString);
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    /** A screenshot into target/, as the console IT takes; a failure to save one is not the test's failure. */
    private static void screenshot(WebDriver driver, String page) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve("dpop-e2e-" + page + ".png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            System.err.println("no screenshot of " + page + ": " + e);
        }
    }
}
