package dev.tollgate.it.oauth;

import static dev.tollgate.it.oauth.OAuthCalls.GLOBAL;
import static dev.tollgate.it.oauth.OAuthCalls.assertError;
import static dev.tollgate.it.oauth.OAuthCalls.params;
import static dev.tollgate.it.oauth.OAuthCalls.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.authorize.Browser;
import dev.tollgate.it.registration.Registrations;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Password guessing against the server's one lockout (issue 11, findings 1 and 2), over real HTTP from one address:
 * 20 parallel attackers for a few seconds on each path that checks a password (the login page, plain headers, the
 * password grant) get at most {@code tollgate.server.login.max-failures} (5) real password checks; then the right
 * password is refused on all three paths, so failures on one path lock the others. Each test guesses at a user of its
 * own, made through the admin API, so that the tests do not lock each other out.
 *
 * <p>The lockout is the default 60 s: far longer than a test, which never waits for it to run out.
 */
class LockoutUnderConcurrencyIT {

    private static final int MAX_FAILURES = 5;
    private static final int ATTACKERS = 20;
    private static final Duration ATTACK = Duration.ofSeconds(3);
    /** Per attacker: the attack is bounded in requests as well as in time. */
    private static final int MAX_REQUESTS = 40;

    /** What one answer to a wrong password says. */
    private enum Answer { CHECKED, LOCKED }

    /** One attacker's guess: the answer, or an AssertionError for anything else. */
    private interface Guess {
        Answer send(int attacker, int attempt);
    }

    private record User(String email, String password) {
    }

    @Test
    void loginPageWhenTwentyParallelAttackersThenAtMostFiveChecksAndLockedEverywhere() throws Exception {
        User user = createUser("lockout-login");
        List<Browser> browsers = new ArrayList<>();
        List<String> csrf = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
            Browser browser = new Browser();
            browsers.add(browser);
            csrf.add(Browser.hidden(browser.get("/oauth2/login").body(), "csrf_token"));
        }

        int[] answers = attack((attacker, attempt) -> login(browsers.get(attacker), csrf.get(attacker),
                user.email(), "wrong-" + attacker + "-" + attempt));

        assertAtMostMaxFailuresChecks("login page", answers);
        assertLockedOnEveryPath(user);
    }

    @Test
    void plainHeadersWhenTwentyParallelAttackersThenAtMostFiveChecksAndLockedEverywhere() throws Exception {
        User user = createUser("lockout-headers");

        int[] answers = attack((attacker, attempt) -> plainHeaders(user.email(), "wrong-" + attacker + "-" + attempt));

        assertAtMostMaxFailuresChecks("plain headers", answers);
        assertLockedOnEveryPath(user);
    }

    @Test
    void passwordGrantWhenTwentyParallelAttackersThenAtMostFiveChecksAndLockedEverywhere() throws Exception {
        User user = createUser("lockout-grant");

        int[] answers = attack((attacker, attempt) -> passwordGrant(user.email(), "wrong-" + attacker + "-" + attempt));

        assertAtMostMaxFailuresChecks("password grant", answers);
        assertLockedOnEveryPath(user);
    }

    @Test
    void failuresOnEveryPathAddUpToOneLock() {
        User user = createUser("lockout-mixed");
        Browser browser = new Browser();
        String csrf = Browser.hidden(browser.get("/oauth2/login").body(), "csrf_token");

        assertEquals(Answer.CHECKED, passwordGrant(user.email(), "wrong-1"));
        assertEquals(Answer.CHECKED, passwordGrant(user.email(), "wrong-2"));
        assertEquals(Answer.CHECKED, login(browser, csrf, user.email(), "wrong-3"));
        assertEquals(Answer.CHECKED, login(browser, csrf, user.email(), "wrong-4"));
        assertEquals(Answer.CHECKED, plainHeaders(user.email(), "wrong-5"));

        assertLockedOnEveryPath(user);
    }

    @Test
    void aSuccessBeforeTheLimitClearsTheCountOnEveryPath() {
        User user = createUser("lockout-success");
        assertEquals(Answer.CHECKED, passwordGrant(user.email(), "wrong"));

        assertEquals(200, LibertyServer.get("/api/me", "X-API-Email", user.email(), "X-API-Password",
                user.password()).statusCode());

        for (int i = 0; i < MAX_FAILURES - 1; i++) {
            assertEquals(Answer.CHECKED, passwordGrant(user.email(), "again-" + i));
        }
        assertEquals(200, grant(user.email(), user.password()).statusCode(), "not locked: the count started again");
    }

    /**
     * {@link #ATTACKERS} threads start together and guess for {@link #ATTACK} (at most {@link #MAX_REQUESTS} each).
     *
     * @return the count of each {@link Answer}
     */
    private static int[] attack(Guess guess) throws Exception {
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger locked = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
        Instant began;
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int a = 0; a < ATTACKERS; a++) {
                int attacker = a;
                done.add(pool.submit(() -> {
                    start.await();
                    Instant end = Instant.now().plus(ATTACK);
                    for (int attempt = 0; attempt < MAX_REQUESTS && Instant.now().isBefore(end); attempt++) {
                        (guess.send(attacker, attempt) == Answer.CHECKED ? checked : locked).incrementAndGet();
                        Thread.sleep(25);
                    }
                    return null;
                }));
            }
            began = Instant.now();
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("LockoutUnderConcurrencyIT: %d attackers, %d ms: %d password checks, %d locked answers%n",
                ATTACKERS, Duration.between(began, Instant.now()).toMillis(), checked.get(), locked.get());
        return new int[] {checked.get(), locked.get()};
    }

    private static void assertAtMostMaxFailuresChecks(String path, int[] answers) {
        assertTrue(answers[0] <= MAX_FAILURES, path + ": " + answers[0] + " real password checks");
        assertTrue(answers[1] > 0, path + ": the other guesses were answered locked");
    }

    /** The right password is refused on all three paths, each with its documented answer. */
    private static void assertLockedOnEveryPath(User user) {
        Browser browser = new Browser();
        String csrf = Browser.hidden(browser.get("/oauth2/login").body(), "csrf_token");
        HttpResponse<String> page = browser.post("/oauth2/login", Map.of("username", user.email(),
                "password", user.password(), "csrf_token", csrf));
        assertEquals(429, page.statusCode(), "login page");
        assertRetryAfter(page);
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("id=\"error\""), page.body());

        HttpResponse<String> headers = LibertyServer.get("/api/me", "X-API-Email", user.email(), "X-API-Password",
                user.password());
        Problems.assertProblem(headers, ProblemType.TOO_MANY_ATTEMPTS);
        assertRetryAfter(headers);

        HttpResponse<String> grant = grant(user.email(), user.password());
        Map<String, Object> error = assertError(grant, 400, "invalid_grant");
        assertTrue(error.get("error_description") instanceof String, "error_description");
        assertRetryAfter(grant);
    }

    private static void assertRetryAfter(HttpResponse<String> response) {
        long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow(
                () -> new AssertionError("no Retry-After; status " + response.statusCode())));
        assertTrue(seconds >= 1 && seconds <= 60, "Retry-After: " + seconds);
    }

    private static Answer login(Browser browser, String csrf, String email, String password) {
        HttpResponse<String> response = browser.post("/oauth2/login", Map.of("username", email,
                "password", password, "csrf_token", csrf));
        if (response.statusCode() == 200 && response.body().contains("id=\"error\"")) {
            return Answer.CHECKED;
        }
        assertEquals(429, response.statusCode(), response::body);
        assertRetryAfter(response);
        return Answer.LOCKED;
    }

    private static Answer plainHeaders(String email, String password) {
        HttpResponse<String> response = LibertyServer.get("/api/me", "X-API-Email", email, "X-API-Password", password);
        if (response.statusCode() == 401) {
            Problems.assertProblem(response, ProblemType.INVALID_CREDENTIALS);
            return Answer.CHECKED;
        }
        Problems.assertProblem(response, ProblemType.TOO_MANY_ATTEMPTS);
        assertRetryAfter(response);
        return Answer.LOCKED;
    }

    /** A wrong password is invalid_grant without Retry-After; a locked account is invalid_grant with it. */
    private static Answer passwordGrant(String email, String password) {
        HttpResponse<String> response = grant(email, password);
        assertError(response, 400, "invalid_grant");
        if (response.headers().firstValue("Retry-After").isEmpty()) {
            return Answer.CHECKED;
        }
        assertRetryAfter(response);
        return Answer.LOCKED;
    }

    /** The RIPS-style JSON password grant through the public first-party client. */
    private static HttpResponse<String> grant(String email, String password) {
        return postJson("/oauth2/token", params("grant_type", "password", "client_id", GLOBAL, "username", email,
                "password", password));
    }

    private static User createUser(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@it.tollgate.dev";
        String password = "pw-" + UUID.randomUUID();
        HttpResponse<String> response = Registrations.send("POST", "/api/admin/users", "{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\",\"roles\":[]}", Registrations.ADMIN_HEADERS);
        assertEquals(201, response.statusCode(), response.body());
        return new User(email, password);
    }
}
