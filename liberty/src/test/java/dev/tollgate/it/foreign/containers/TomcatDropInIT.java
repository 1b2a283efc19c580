package dev.tollgate.it.foreign.containers;

import dev.tollgate.it.foreign.support.Deployment;
import dev.tollgate.it.foreign.support.ForeignWar;
import dev.tollgate.it.foreign.support.Required;
import dev.tollgate.it.foreign.support.TomcatServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The foreign WAR on Apache Tomcat 10.1, configured by {@code <Parameter>}s in its context file
 * ({@code conf/Catalina/localhost/inventory.xml}); the same WAR with {@code clock-skew=banana} beside it.
 */
class TomcatDropInIT extends DropInContract {

    static TomcatServer tomcat;

    @BeforeAll
    static void startTomcat() {
        Path dir = Path.of(Required.property("it.foreign.dir"), "tomcat");
        Path war = ForeignWar.withGate(dir);
        Map<String, String> config = ForeignWar.gateConfig(dir);
        tomcat = TomcatServer.start(dir.resolve("base"), Required.port(2), Map.of(
                ForeignWar.CONTEXT, new Deployment(war, config),
                ForeignWar.BAD_CONTEXT, new Deployment(war, ForeignWar.badConfig(config))));
    }

    @AfterAll
    static void stopTomcat() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Override
    String baseUrl() {
        return tomcat.baseUrl();
    }

    @Override
    String mainLog() {
        return tomcat.log();
    }

    @Override
    boolean isErrorLine(String line) {
        return line.contains(" SEVERE ");
    }

    @Override
    BadDeployment badDeployment() {
        return new BadDeployment(getFrom(ForeignWar.BAD_CONTEXT + "/items"), tomcat.log());
    }
}
