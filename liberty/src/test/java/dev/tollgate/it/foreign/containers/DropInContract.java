package dev.tollgate.it.foreign.containers;

import static dev.tollgate.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.testing.HostileToken;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.it.foreign.app.StampFilter;
import dev.tollgate.it.foreign.support.ForeignWar;
import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every container must show with the foreign WAR ({@link ForeignWar}: {@code metadata-complete="true"}, its
 * own filter on {@code /*}, the gate's jars in WEB-INF/lib, configured by the container alone) at
 * {@link ForeignWar#CONTEXT}, trusting the test issuer: the gate is installed, runs before the WAR's own filter,
 * refuses the hostile catalogue, says at start what it accepts, and a bad value stops the deployment at
 * {@link ForeignWar#BAD_CONTEXT} with the key's name in the container's main log.
 */
abstract class DropInContract {

    /** e.g. {@code http://127.0.0.1:18702}. */
    abstract String baseUrl();

    /** Everything in the container's main log so far. */
    abstract String mainLog();

    /** Whether a line of the main log is at error level (SEVERE). */
    abstract boolean isErrorLine(String line);

    /** The container's answer to {@link ForeignWar#BAD_CONTEXT}, and its main log after that deployment. */
    abstract BadDeployment badDeployment();

    record BadDeployment(HttpResponse<String> response, String mainLog) {
    }

    @Test
    void requestWithoutTokenIsRefusedBeforeTheApplicationsOwnFilter() {
        HttpResponse<String> response = get("/items");

        assertProblem(response, ProblemType.MISSING_CREDENTIALS);
        assertTrue(response.headers().allValues("WWW-Authenticate").stream()
                .anyMatch(value -> value.startsWith("Bearer realm=\"tollgate\"")), response.headers()::toString);
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertFalse(response.headers().firstValue(StampFilter.HEADER).isPresent(),
                "the WAR's own filter ran before the gate");
    }

    @Test
    void validTokenReachesTheApplicationAsItsUserAfterTheGate() {
        HttpResponse<String> response = get("/items", "Authorization", "Bearer " + TestTokens.valid("alice", "read"));

        assertEquals(200, response.statusCode(), response::body);
        assertEquals("items for alice auth=BEARER", response.body());
        // The WAR's filter saw the gate's caller: the gate ran first.
        assertEquals("user=alice", response.headers().firstValue(StampFilter.HEADER).orElse(null));
    }

    @ParameterizedTest
    @EnumSource(value = HostileToken.class, mode = EnumSource.Mode.EXCLUDE, names = {"BAD_TYPE", "OVERSIZED"})
    void hostileTokenIsRefusedWithItsProblem(HostileToken token) {
        HttpResponse<String> response = get("/items", "Authorization", "Bearer " + token.token());

        assertProblem(response, token.problem());
        assertTrue(response.headers().allValues("WWW-Authenticate").stream()
                .anyMatch(value -> value.contains("error=\"invalid_token\"")), response.headers()::toString);
        assertEquals(token.expiredHeader() ? "true" : null,
                response.headers().firstValue("X-API-Expired").orElse(null));
        assertFalse(response.headers().firstValue(StampFilter.HEADER).isPresent(), "the WAR's filter ran");
    }

    /** A 100 KB token exceeds the container's own header limit (8 KiB on Tomcat and Jetty): refused either way. */
    @Test
    void oversizedTokenNeverReachesTheApplication() {
        HttpResponse<String> response = get("/items", "Authorization", "Bearer " + HostileToken.OVERSIZED.token());

        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, () -> "status "
                + response.statusCode());
        assertFalse(response.headers().firstValue(StampFilter.HEADER).isPresent(), "the WAR's filter ran");
    }

    @Test
    void startUpLineSaysTheGateProtectsTheApplication() {
        assertTrue(mainLog().contains("Tollgate gate for " + ForeignWar.CONTEXT + ": "),
                "no start-up line of the gate in the main log");
    }

    @Test
    void badValueStopsTheDeploymentWithTheKeyInTheMainLog() {
        BadDeployment bad = badDeployment();

        // Not started: the container answers for it (404, or Jetty's 503 for an unavailable context), never the
        // application, the gate (401) or a per-request 500.
        assertTrue(List.of(404, 503).contains(bad.response().statusCode()),
                () -> "status " + bad.response().statusCode() + ": " + bad.response().body());
        assertNotEquals(null, bad.mainLog().lines()
                .filter(this::isErrorLine)
                .filter(line -> line.contains(ForeignWar.BAD_KEY))
                .findFirst().orElse(null), "no error line naming " + ForeignWar.BAD_KEY + " in the main log");
    }

    HttpResponse<String> get(String path, String... headers) {
        return getFrom(ForeignWar.CONTEXT + path, headers);
    }

    HttpResponse<String> getFrom(String path, String... headers) {
        return LibertyServer.send(LibertyServer.requestTo(baseUrl() + path, headers).GET().build());
    }
}
