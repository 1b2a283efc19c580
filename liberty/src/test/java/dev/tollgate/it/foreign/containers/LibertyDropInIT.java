package dev.tollgate.it.foreign.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.foreign.support.Deployment;
import dev.tollgate.it.foreign.support.ForeignWar;
import dev.tollgate.it.foreign.support.LibertyStandalone;
import dev.tollgate.it.foreign.support.Required;
import dev.tollgate.it.support.LibertyServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foreign WAR on Open Liberty with {@code servlet-6.0} alone (no CDI, no MicroProfile Config), configured by
 * environment variables in {@code server.env} ({@code tollgate.gate.jwks-file} is {@code TOLLGATE_GATE_JWKS_FILE}).
 *
 * <p>The bad value needs a configuration for one application only, which Liberty gives through MicroProfile
 * Config: a second server with {@code servlet-6.0} and {@code mpConfig-3.1} runs the WAR twice, each with its keys
 * as {@code <appProperties>}, one of them with {@code clock-skew=banana}.
 */
class LibertyDropInIT extends DropInContract {

    static LibertyStandalone liberty;
    static Path dir;

    @BeforeAll
    static void startLiberty() {
        dir = Path.of(Required.property("it.foreign.dir"), "liberty");
        Path war = ForeignWar.withGate(dir);
        Map<String, String> environment = new LinkedHashMap<>();
        ForeignWar.gateConfig(dir).forEach((key, value) -> environment.put(LibertyStandalone.environmentName(key), value));
        liberty = LibertyStandalone.start(dir.resolve("usr"), "servlet-only", Required.port(1),
                List.of("servlet-6.0"), environment, Map.of(ForeignWar.CONTEXT, new Deployment(war, Map.of())));
    }

    @AfterAll
    static void stopLiberty() {
        if (liberty != null) {
            liberty.close();
        }
    }

    @Override
    String baseUrl() {
        return liberty.baseUrl();
    }

    @Override
    String mainLog() {
        return liberty.log();
    }

    /** messages.log marks a SEVERE record with " E ". */
    @Override
    boolean isErrorLine(String line) {
        return line.contains(" E ");
    }

    /**
     * Liberty only warns when an initializer throws, and would serve the application without the gate (found by
     * this suite): the bad application must be reported not started in Liberty's own words (CWWKZ0012I), and its
     * path must be gone (404), not answered by a refusing gate.
     */
    @Override
    @Test
    void badValueStopsTheDeploymentWithTheKeyInTheMainLog() {
        BadDeployment bad = badDeployment();

        assertEquals(404, bad.response().statusCode(), bad.response()::body);
        String application = ForeignWar.BAD_CONTEXT.substring(1);
        assertTrue(bad.mainLog().lines().anyMatch(line -> line.contains("CWWKZ0012I")
                && line.contains(" " + application + " ")), () -> "no CWWKZ0012I for " + application);
        assertTrue(bad.mainLog().lines().anyMatch(line -> isErrorLine(line) && line.contains(ForeignWar.BAD_KEY)),
                () -> "no error line naming " + ForeignWar.BAD_KEY);
    }

    @Override
    BadDeployment badDeployment() {
        Path war = dir.resolve("inventory.war");
        Map<String, String> config = ForeignWar.gateConfig(dir);
        try (LibertyStandalone perApplication = LibertyStandalone.start(dir.resolve("usr-mpconfig"), "per-application",
                Required.port(7), List.of("servlet-6.0", "mpConfig-3.1"), Map.of(), Map.of(
                        ForeignWar.CONTEXT, new Deployment(war, config),
                        ForeignWar.BAD_CONTEXT, new Deployment(war, ForeignWar.badConfig(config))))) {
            // The neighbour, configured correctly, runs and is protected.
            HttpResponse<String> neighbour = LibertyServer.send(LibertyServer.requestTo(
                    perApplication.baseUrl() + ForeignWar.CONTEXT + "/items").GET().build());
            assertEquals(401, neighbour.statusCode(), neighbour::body);
            HttpResponse<String> response = LibertyServer.send(LibertyServer.requestTo(
                    perApplication.baseUrl() + ForeignWar.BAD_CONTEXT + "/items").GET().build());
            return new BadDeployment(response, perApplication.log());
        }
    }
}
