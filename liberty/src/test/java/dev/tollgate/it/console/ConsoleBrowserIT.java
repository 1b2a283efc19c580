package dev.tollgate.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.HeadlessChromium;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console end to end in headless Chromium (Debian's {@code chromium} through {@code /usr/bin/chromedriver}, as
 * {@code BrowserFlowIT}): a new user signs in through the server's own login page, creates a service client, the
 * test uses the secret shown with {@code client_credentials}, rotates it, deletes it; then an admin, in a second
 * browser, finds that user and disables them, and the user's console session and tokens stop. Screenshots of each
 * step go to {@code target/console-screenshots/}.
 *
 * <p>Without chromium this test <b>fails</b> when {@code CI=true}, and is skipped otherwise. The browsers' loopback
 * callback servers (unused here: the console's redirect URI is the console itself) take ports 9331 and 9332.
 */
class ConsoleBrowserIT {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Duration WAIT = Duration.ofSeconds(20);

    private HeadlessChromium userChromium;
    private HeadlessChromium adminChromium;

    @AfterEach
    void stop() throws IOException {
        try {
            if (userChromium != null) {
                userChromium.close();
            }
        } finally {
            if (adminChromium != null) {
                adminChromium.close();
            }
        }
    }

    @Test
    void consoleWhenUserManagesServiceClientAndAdminDisablesUserThenSessionAndTokensStop() throws Exception {
        ConsoleUsers.TestUser user = ConsoleUsers.create("console-user");
        userChromium = HeadlessChromium.start(9331);
        WebDriver browser = userChromium.driver();
        browser.manage().window().setSize(new Dimension(1280, 1000));
        WebDriverWait wait = new WebDriverWait(browser, WAIT);

        // Sign in: the console sends the browser to the login page, and comes back with a code (no consent page).
        browser.get(LibertyServer.baseUrl() + "/console/#/service-clients");
        wait.until(d -> !d.findElements(By.name("username")).isEmpty());
        assertTrue(browser.getCurrentUrl().contains("/oauth2/login"), browser.getCurrentUrl());
        screenshot(browser, "01-login");
        browser.findElement(By.name("username")).sendKeys(user.email());
        browser.findElement(By.name("password")).sendKeys(user.password());
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> !d.findElements(By.id("create-service-client")).isEmpty());
        assertEquals(LibertyServer.baseUrl() + "/console/#/service-clients", browser.getCurrentUrl(),
                "the code and state are gone from the address bar");
        assertEquals(user.email(), browser.findElement(By.id("account-email")).getText());
        assertTrue(browser.findElements(By.id("nav-users")).isEmpty(), "no admin pages for a user");
        assertNoTokenStorage(browser);
        screenshot(browser, "02-service-clients");

        // An error from the API appears beside the field it names.
        WebElement create = browser.findElement(By.id("create-service-client"));
        create.findElement(By.name("scope")).sendKeys("read not-a-service-scope");
        create.findElement(By.id("create-service-client-submit")).click();
        wait.until(d -> !errorFor(d, "create-service-client", "name").isEmpty());
        assertFalse(errorFor(browser, "create-service-client", "scope").isEmpty());
        assertEquals("true", create.findElement(By.name("name")).getAttribute("aria-invalid"));
        screenshot(browser, "03-validation-errors");

        // Create: the secret is shown once, and works with client_credentials.
        create.findElement(By.name("scope")).clear();
        create.findElement(By.name("scope")).sendKeys("read");
        create.findElement(By.name("name")).sendKeys("Nightly export" + Keys.ENTER);
        wait.until(d -> !d.findElements(By.id("secret-value")).isEmpty());
        String clientId = browser.findElement(By.id("secret-client-id")).getText();
        String secret = browser.findElement(By.id("secret-value")).getAttribute("value");
        assertTrue(browser.findElement(By.id("secret-warning")).getText().contains("shown only once"));
        // The copy button puts the secret on the clipboard. The page may use the clipboard as it may after a user's
        // click in a desktop browser; headless, that permission is granted explicitly (Chrome DevTools Protocol).
        ((HasCdp) browser).executeCdpCommand("Browser.grantPermissions", Map.of("origin", LibertyServer.baseUrl(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        browser.findElement(By.id("copy-secret")).click();
        wait.until(d -> !d.findElement(By.id("copy-status")).getText().isEmpty());
        assertEquals("Copied.", browser.findElement(By.id("copy-status")).getText());
        assertEquals(secret, ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0];"
                + " navigator.clipboard.readText().then(done, e => done('no clipboard: ' + e));"));
        wait.until(d -> !d.findElements(By.cssSelector("tr[data-client-id='" + clientId + "']")).isEmpty());
        screenshot(browser, "04-secret-shown-once");
        assertEquals(200, Registrations.clientCredentials(clientId, secret).statusCode());

        // Rotate: a new secret, and when the previous one stops.
        row(browser, clientId).findElement(By.cssSelector("button.rotate")).click();
        wait.until(d -> !d.findElements(By.id("previous-secret-expiry")).isEmpty());
        String rotated = browser.findElement(By.id("secret-value")).getAttribute("value");
        assertNotEquals(secret, rotated);
        assertTrue(browser.findElement(By.id("previous-secret-expiry")).getText().contains("keeps working until"));
        screenshot(browser, "05-secret-rotated");
        assertEquals(200, Registrations.clientCredentials(clientId, rotated).statusCode());

        // Delete, confirmed: the secret stops at once.
        row(browser, clientId).findElement(By.cssSelector("button.delete")).click();
        row(browser, clientId).findElement(By.cssSelector("button.confirm")).click();
        wait.until(d -> d.findElements(By.cssSelector("tr[data-client-id='" + clientId + "']")).isEmpty());
        screenshot(browser, "06-deleted");
        Registrations.assertOAuthError(Registrations.clientCredentials(clientId, rotated), 401, "invalid_client");

        // The user's other pages answer.
        browser.findElement(By.id("nav-applications")).click();
        wait.until(d -> !d.findElements(By.id("no-applications")).isEmpty());
        browser.findElement(By.id("nav-clients")).click();
        wait.until(d -> !d.findElements(By.id("no-clients")).isEmpty());
        screenshot(browser, "07-registered-clients");

        // A token of the same user from elsewhere, to see it stop too.
        String otherToken = Registrations.userToken(user.email(), user.password());

        // The admin, in another browser, finds the user by email and disables them.
        adminChromium = HeadlessChromium.start(9332);
        WebDriver admin = adminChromium.driver();
        admin.manage().window().setSize(new Dimension(1280, 1000));
        WebDriverWait adminWait = new WebDriverWait(admin, WAIT);
        admin.get(LibertyServer.baseUrl() + "/console/#/users");
        adminWait.until(d -> !d.findElements(By.name("username")).isEmpty());
        admin.findElement(By.name("username")).sendKeys(Registrations.ADMIN_EMAIL);
        admin.findElement(By.name("password")).sendKeys(Registrations.ADMIN_PASSWORD);
        admin.findElement(By.id("sign-in")).click();
        adminWait.until(d -> !d.findElements(By.id("search-users")).isEmpty());
        admin.findElement(By.id("user-search")).sendKeys(user.email() + Keys.ENTER);
        By userRow = By.cssSelector("tr[data-user-id='" + user.id() + "']");
        adminWait.until(d -> d.findElements(By.cssSelector("#user-list tbody tr")).size() == 1
                && !d.findElements(userRow).isEmpty());
        screenshot(admin, "08-admin-users-search");
        admin.findElement(userRow).findElement(By.cssSelector("button.disable")).click();
        adminWait.until(d -> !d.findElements(By.cssSelector("tr[data-user-id='" + user.id() + "'] button.enable"))
                .isEmpty());
        screenshot(admin, "09-admin-user-disabled");
        admin.findElement(By.id("nav-events")).click();
        adminWait.until(d -> !d.findElements(By.id("audit-unavailable")).isEmpty()
                || !d.findElements(By.id("event-list")).isEmpty() && !d.findElements(By.cssSelector(
                        "#event-list table, #no-events")).isEmpty());
        screenshot(admin, "10-admin-audit-trail");

        // Signing out forgets the tokens and ends the server's login: signing in asks for the password again.
        admin.findElement(By.id("sign-out")).click();
        adminWait.until(d -> !d.findElements(By.id("signed-out")).isEmpty());
        assertEquals("You have signed out.", admin.findElement(By.id("signed-out")).getText());
        admin.findElement(By.id("sign-in")).click();
        adminWait.until(d -> !d.findElements(By.name("username")).isEmpty());
        screenshot(admin, "11-admin-signed-out-password-asked");

        // The user's console session ends at its next call (within the revocation bound), and so does the token.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<String> pages = List.of("nav-service-clients", "nav-applications");
        for (int i = 0; browser.findElements(By.id("signed-out")).isEmpty() && Instant.now().isBefore(deadline); i++) {
            List<WebElement> link = browser.findElements(By.id(pages.get(i % 2)));
            if (!link.isEmpty() && link.get(0).isDisplayed()) {
                link.get(0).click();
            }
            Thread.sleep(500);
        }
        assertFalse(browser.findElements(By.id("signed-out")).isEmpty(), "the console says the session has ended");
        assertFalse(browser.findElement(By.id("nav")).isDisplayed(), "no pages any more");
        assertFalse(browser.findElement(By.id("account")).isDisplayed());
        screenshot(browser, "12-session-ended");
        HttpResponse<String> refused = MeConsentsIT.until(() -> LibertyServer.get("/api/me", "Authorization",
                "Bearer " + otherToken), 401, Duration.ofSeconds(15));
        assertEquals(401, refused.statusCode(), refused.body());
        Problems.assertProblem(Registrations.send("GET", "/api/me", null, user.headers()),
                ProblemType.INVALID_CREDENTIALS);

        // Signing in again is refused: the login cookie of a disabled user no longer counts.
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> !d.findElements(By.name("username")).isEmpty());
        browser.findElement(By.name("username")).sendKeys(user.email());
        browser.findElement(By.name("password")).sendKeys(user.password());
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> d.getPageSource().contains("Invalid email or password"));
        assertTrue(browser.getCurrentUrl().contains("/oauth2/login"), browser.getCurrentUrl());
        screenshot(browser, "13-disabled-user-login-refused");
    }

    private static WebElement row(WebDriver browser, String clientId) {
        return browser.findElement(By.cssSelector("tr[data-client-id='" + clientId + "']"));
    }

    private static String errorFor(WebDriver browser, String formId, String field) {
        List<WebElement> slots = browser.findElements(By.cssSelector(
                "#" + formId + " [data-error-for='" + field + "']"));
        return slots.isEmpty() ? "" : slots.get(0).getText();
    }

    /** The tokens live in the page's memory only. */
    private static void assertNoTokenStorage(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertEquals(0L, ((Number) js.executeScript("return window.localStorage.length")).longValue());
        assertEquals(0L, ((Number) js.executeScript("return window.sessionStorage.length")).longValue());
        assertEquals("", js.executeScript("return document.cookie"), "no cookie readable by script");
        assertNull(browser.manage().getCookieNamed("JSESSIONID"), "no HTTP session");
    }

    private static void screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
