package dev.tollgate.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven through {@code /usr/bin/chromedriver} by Selenium (never Selenium
 * Manager: both paths are explicit), with a fresh profile, and a loopback callback server that receives the
 * authorization response's query. Without chromium it <b>fails</b> when {@code CI=true} and skips the test
 * otherwise. The flags keep Chromium off the network this machine does not reach.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";

    private final HttpServer callbackServer;
    private final CompletableFuture<String> callbackQuery = new CompletableFuture<>();
    private final Path profile;
    private final WebDriver driver;

    private HeadlessChromium(int callbackPort) throws IOException {
        callbackServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), callbackPort), 0);
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

    /** Starts the callback server on {@code http://127.0.0.1:<callbackPort>/callback}, then the browser. */
    public static HeadlessChromium start(int callbackPort) throws IOException {
        boolean present = new File(CHROMEDRIVER).canExecute() && new File(CHROMIUM).canExecute();
        if (!present) {
            String message = CHROMEDRIVER + " or " + CHROMIUM + " is missing (apt-get install chromium"
                    + " chromium-driver)";
            if ("true".equalsIgnoreCase(Optional.ofNullable(System.getenv("CI")).orElse(System.getProperty("CI")))) {
                throw new AssertionError(message + "; CI=true, so the browser test fails instead of skipping.");
            }
            Assumptions.abort(message + ": skipping the browser test.");
        }
        return new HeadlessChromium(callbackPort);
    }

    public WebDriver driver() {
        return driver;
    }

    /** The raw query the callback received, once it has. */
    public CompletableFuture<String> callbackQuery() {
        return callbackQuery;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            callbackServer.stop(0);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
