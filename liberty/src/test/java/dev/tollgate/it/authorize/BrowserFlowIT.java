package dev.tollgate.it.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tollgate.it.support.LibertyServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";
    static final int CALLBACK_PORT = 47193;
    static final String CALLBACK = "http://127.0.0.1:" + CALLBACK_PORT + "/callback";

    private HttpServer callbackServer;
    private final CompletableFuture<String> callbackQuery = new CompletableFuture<>();
    private WebDriver driver;
    private Path profile;

    @BeforeEach
    void start() throws IOException {
        boolean present = new File(CHROMEDRIVER).canExecute() && new File(CHROMIUM).canExecute();
        if (!present) {
            String message = CHROMEDRIVER + " or " + CHROMIUM + " is missing (apt-get install chromium"
                    + " chromium-driver)";
            if ("true".equalsIgnoreCase(Optional.ofNullable(System.getenv("CI")).orElse(System.getProperty("CI")))) {
                throw new AssertionError(message + "; CI=true, so the browser test fails instead of skipping.");
            }
            Assumptions.abort(message + ": skipping the browser test.");
        }
        callbackServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), CALLBACK_PORT), 0);
        callbackServer.createContext("/callback", exchange -> {
            callbackQuery.complete(exchange.getRequestURI().getRawQuery());
            byte[] body = "<!DOCTYPE html><title>callback</title><p id=\"done\">received</p>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        callbackServer.start();

        profile = Files.createTempDirectory("tollgate-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (callbackServer != null) {
            callbackServer.stop(0);
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
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
