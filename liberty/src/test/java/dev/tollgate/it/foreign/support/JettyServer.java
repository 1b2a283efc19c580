package dev.tollgate.it.foreign.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Jetty 12 (ee10), unpacked by the build from Maven Central ({@code org.eclipse.jetty:jetty-home:zip}) into
 * {@code it.jetty.home}. Each start gets a fresh {@code JETTY_BASE} with the modules {@code http},
 * {@code ee10-deploy} and {@code ee10-annotations} (the module that runs a WAR's {@code ServletContainerInitializer}s);
 * each application is deployed by a context XML file in {@code webapps/} that sets the gate's keys as context
 * init-params. The main log is Jetty's standard error, where Jetty and {@code java.util.logging} write.
 */
public final class JettyServer implements AutoCloseable {

    private final ServerProcess process;
    private final int port;

    private JettyServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Jetty on 127.0.0.1:{@code port} with one application per entry: context path → deployment. */
    public static JettyServer start(Path base, int port, Map<String, Deployment> applications) {
        Path home = Path.of(Required.property("it.jetty.home"));
        Required.piece(Files.isRegularFile(home.resolve("start.jar")), "Jetty at " + home);
        Dirs.fresh(base);
        Dirs.write(base.resolve("start.d/tollgate-it.ini"), "--modules=http,ee10-deploy,ee10-annotations\n");
        Dirs.fresh(base.resolve("work")); // Jetty unpacks the WARs here rather than in /tmp
        applications.forEach((context, deployment) ->
                Dirs.write(base.resolve("webapps").resolve(context.substring(1) + ".xml"), contextXml(context,
                        deployment)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + base, "jetty.http.host=127.0.0.1", "jetty.http.port=" + port);
        ServerProcess process = ServerProcess.start("Jetty", command, base, Map.of(), base.resolve("logs/jetty.log"));
        process.awaitLog("Started oejs.Server@", Duration.ofSeconds(90));
        return new JettyServer(process, port);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The main log: Jetty's standard error (and output). */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }

    private static String contextXml(String context, Deployment deployment) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure class="org.eclipse.jetty.ee10.webapp.WebAppContext">
                """);
        xml.append("  <Set name=\"contextPath\">").append(Dirs.xml(context)).append("</Set>\n");
        xml.append("  <Set name=\"war\">").append(Dirs.xml(deployment.war().toAbsolutePath().toString()))
                .append("</Set>\n");
        deployment.parameters().forEach((name, value) -> xml.append("  <Call name=\"setInitParameter\"><Arg>")
                .append(Dirs.xml(name)).append("</Arg><Arg>").append(Dirs.xml(value)).append("</Arg></Call>\n"));
        return xml.append("</Configure>\n").toString();
    }
}
