package dev.tollgate.it.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.HeadlessChromium;
import dev.tollgate.it.support.LibertyServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The authorization code flow in a real headless browser: Debian's {@code chromium} driven through
 * {@code /usr/bin/chromedriver} by Selenium (never Selenium Manager: both paths are explicit). The browser opens
 * the authorize URL, logs in through the login form, allows on the consent page, and is sent to a loopback
 * callback server of this test, which sees {@code code}, {@code state} and {@code iss}. The pages' CSP
 * ({@code form-action}) and anti-framing headers are in force, as in any browser.
 *
 * <p>Without chromium this test <b>fails</b> when {@code CI=true}, and is skipped otherwise.
 */
class BrowserFlowIT {

    static final int CALLBACK_PORT = 47193;
    static final String CALLBACK = "http://127.0.0.1:" + CALLBACK_PORT + "/callback";

    private HeadlessChromium chromium;
    private CompletableFuture<String> callbackQuery;
    private WebDriver driver;

    @BeforeEach
    void start() throws IOException {
        chromium = HeadlessChromium.start(CALLBACK_PORT);
        driver = chromium.driver();
        callbackQuery = chromium.callbackQuery();
    }

    @AfterEach
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void browserWhenLogInAndAllowThenCallbackGetsCodeStateIssAndCodeExchanges() throws Exception {
        String state = "browser-" + System.nanoTime();
        driver.get(LibertyServer.baseUrl() + "/oauth2/authorize?" + Browser.authorizeQuery(
                "redirect_uri", CALLBACK, "scope", "openid profile email read", "state", state));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        wait.until(d -> !d.findElements(By.name("username")).isEmpty());
        // Issue 12: the flow's state is the browser's (sealed), never a node's session.
        assertNotNull(driver.manage().getCookieNamed("tollgate_browser"));
        assertNull(driver.manage().getCookieNamed("JSESSIONID"), "no HTTP session");
        driver.findElement(By.name("username")).sendKeys(Browser.USER);
        driver.findElement(By.name("password")).sendKeys(Browser.PASSWORD);
        driver.findElement(By.id("sign-in")).click();

        wait.until(d -> !d.findElements(By.id("allow")).isEmpty() || callbackQuery.isDone());
        if (!callbackQuery.isDone()) { // consent not remembered from an earlier run on this database
            assertTrue(driver.findElement(By.id("client-name")).getText().contains("<b>Web</b>"),
                    "the hostile client name is shown as text, not markup");
            assertNotNull(driver.manage().getCookieNamed("tollgate_login"));
            assertNull(driver.manage().getCookieNamed("JSESSIONID"), "no HTTP session");
            driver.findElement(By.id("allow")).click();
        }

        String raw = callbackQuery.get(20, TimeUnit.SECONDS);
        Map<String, String> response = Browser.query("http://x/?" + raw);
        assertEquals(43, response.get("code").length());
        assertEquals(state, response.get("state"));
        assertEquals(LibertyServer.baseUrl(), response.get("iss"));
        wait.until(d -> d.getCurrentUrl().startsWith(CALLBACK));

        exchangeCode(response.get("code"));
    }

    /** The code buys an access token at the token endpoint, once: a replay is invalid_grant. */
    private static void exchangeCode(String code) {
        HttpResponse<String> token = new Browser().post("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", CALLBACK, "client_id", "it-authz-web",
                "code_verifier", Browser.VERIFIER));
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.body().contains("\"access_token\""), token.body());
        HttpResponse<String> replay = new Browser().post("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", CALLBACK, "client_id", "it-authz-web",
                "code_verifier", Browser.VERIFIER));
        assertEquals(400, replay.statusCode());
        assertTrue(replay.body().contains("invalid_grant"), replay.body());
    }
}
