package dev.tollgate.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.support.HeadlessChromium;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The authorization code flow (login → consent → code → token) in headless Chromium through HAProxy, round robin
 * and no stickiness: the browser's steps land on alternating nodes, which HAProxy's log proves (it names the node of
 * every request). The client {@code it-cluster-web} is declared for the cluster nodes only (liberty/pom.xml,
 * it.cluster.settings), with its callback on this test's loopback server at 127.0.0.1:9419.
 *
 * <p><b>Needs the authorization flow without HTTP-session state</b> (issue 12, "flow"): while the pending request,
 * the login and the CSRF token live in one node's session, a step that lands on the other node loses them and this
 * class fails; it is kept apart so that the rest of the cluster suite can be verified without it. Without chromium
 * it fails when {@code CI=true} and is skipped otherwise, as BrowserFlowIT.
 */
class ClusterBrowserFlowIT {

    static final String CLIENT = "it-cluster-web";
    static final int CALLBACK_PORT = Integer.getInteger("it.cluster.callback-port", 9419);
    static final String CALLBACK = "http://127.0.0.1:" + CALLBACK_PORT + "/callback";
    static final String VERIFIER = "cluster-" + "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private HeadlessChromium chromium;
    private CompletableFuture<String> callbackQuery;
    private WebDriver driver;

    @BeforeAll
    static void cluster() {
        Cluster.require();
    }

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
    void browserFlowThroughHaproxyWithStepsOnAlternatingNodesEndsInATokenResponse() throws Exception {
        Path haproxyLog = Cluster.state().resolve("haproxy.log");
        long logStart = Files.size(haproxyLog);
        String state = "cluster-browser-" + System.nanoTime();
        driver.get(Cluster.front() + "/oauth2/authorize?response_type=code&client_id=" + CLIENT
                + "&redirect_uri=" + Cluster.enc(CALLBACK) + "&scope=" + Cluster.enc("openid read")
                + "&state=" + state + "&code_challenge=" + challenge(VERIFIER) + "&code_challenge_method=S256");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        // A step that lands on a node without the pending request shows an error page instead of the next form.
        wait.withMessage(() -> "no login form at " + driver.getCurrentUrl() + "; steps so far: "
                + steps(haproxyLog, logStart));
        wait.until(d -> !d.findElements(By.name("username")).isEmpty());
        driver.findElement(By.name("username")).sendKeys(Browser.USER);
        driver.findElement(By.name("password")).sendKeys(Browser.PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        wait.withMessage(() -> "no consent page nor callback after the login at " + driver.getCurrentUrl()
                + "; steps so far: " + steps(haproxyLog, logStart));
        wait.until(d -> !d.findElements(By.id("allow")).isEmpty() || callbackQuery.isDone());
        if (!callbackQuery.isDone()) { // consent not remembered from an earlier run on this database
            driver.findElement(By.id("allow")).click();
        }

        Map<String, String> response = Browser.query("http://x/?" + callbackQuery.get(20, TimeUnit.SECONDS));
        assertEquals(state, response.get("state"));
        assertEquals(Cluster.front(), response.get("iss"));
        HttpResponse<String> token = Cluster.postForm(Cluster.front(), "/oauth2/token", "grant_type="
                + "authorization_code&code=" + Cluster.enc(response.get("code")) + "&redirect_uri="
                + Cluster.enc(CALLBACK) + "&client_id=" + CLIENT + "&code_verifier=" + VERIFIER);
        Map<String, Object> tokens = Cluster.tokens(token);
        assertEquals(200, Cluster.me(Cluster.front(), (String) tokens.get("access_token")).statusCode());

        List<String> steps = steps(haproxyLog, logStart);
        Set<String> nodes = new LinkedHashSet<>();
        for (String step : steps) {
            nodes.add(step.replaceFirst("^.* tollgate_nodes/(\\S+) .*$", "$1"));
        }
        assertTrue(steps.size() >= 3, () -> "authorize, login and consent steps in HAProxy's log: " + steps);
        assertEquals(Set.of(Cluster.nodeName(1), Cluster.nodeName(2)), nodes,
                () -> "the steps landed on both nodes: " + steps);
    }

    /** HAProxy's log since {@code fromByte}: which node served each of the browser's steps (method and path). */
    private static List<String> steps(Path haproxyLog, long fromByte) {
        try (var lines = Files.lines(haproxyLog.toAbsolutePath())) {
            return lines.skip(countLines(haproxyLog, fromByte))
                    .filter(line -> line.matches(".* (GET|POST) /oauth2/(authorize|login|consent)$")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long countLines(Path file, long bytes) throws IOException {
        byte[] head = Files.readAllBytes(file);
        long lines = 0;
        for (int i = 0; i < Math.min(bytes, head.length); i++) {
            if (head[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
