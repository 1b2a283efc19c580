package dev.tollgate.it.foreign.containers;

import dev.tollgate.it.foreign.support.Deployment;
import dev.tollgate.it.foreign.support.ForeignWar;
import dev.tollgate.it.foreign.support.JettyServer;
import dev.tollgate.it.foreign.support.Required;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The foreign WAR on Jetty 12 (ee10), configured by init-params in its context XML file
 * ({@code webapps/inventory.xml}); the same WAR with {@code clock-skew=banana} beside it.
 */
class JettyDropInIT extends DropInContract {

    static JettyServer jetty;

    @BeforeAll
    static void startJetty() {
        Path dir = Path.of(Required.property("it.foreign.dir"), "jetty");
        Path war = ForeignWar.withGate(dir);
        Map<String, String> config = ForeignWar.gateConfig(dir);
        jetty = JettyServer.start(dir.resolve("base"), Required.port(3), Map.of(
                ForeignWar.CONTEXT, new Deployment(war, config),
                ForeignWar.BAD_CONTEXT, new Deployment(war, ForeignWar.badConfig(config))));
    }

    @AfterAll
    static void stopJetty() {
        if (jetty != null) {
            jetty.close();
        }
    }

    @Override
    String baseUrl() {
        return jetty.baseUrl();
    }

    @Override
    String mainLog() {
        return jetty.log();
    }

    /** {@code java.util.logging}'s default format puts the level at the start of the message line. */
    @Override
    boolean isErrorLine(String line) {
        return line.startsWith("SEVERE: ") || line.contains(" SEVERE ");
    }

    @Override
    BadDeployment badDeployment() {
        return new BadDeployment(getFrom(ForeignWar.BAD_CONTEXT + "/items"), jetty.log());
    }
}
