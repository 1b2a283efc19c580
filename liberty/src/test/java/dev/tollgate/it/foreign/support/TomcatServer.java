package dev.tollgate.it.foreign.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Apache Tomcat 10.1, unpacked by the build from Maven Central ({@code org.apache.tomcat:tomcat:zip}) into the folder
 * {@code it.tomcat.home}. Each start gets a fresh {@code CATALINA_BASE}; applications are deployed as a user does it
 * without touching the WAR: one context file per application in {@code conf/Catalina/localhost/}, with the gate's
 * keys as {@code <Parameter>}s (context-params). The main log is {@code logs/catalina.out} (the console).
 */
public final class TomcatServer implements AutoCloseable {

    private final ServerProcess process;
    private final int port;
    private final Path base;

    private TomcatServer(ServerProcess process, int port, Path base) {
        this.process = process;
        this.port = port;
        this.base = base;
    }

    /**
     * Starts Tomcat on 127.0.0.1:{@code port} with one application per entry: context path → (WAR, context-params).
     */
    public static TomcatServer start(Path base, int port, Map<String, Deployment> applications) {
        return start(base, port, applications, List.of());
    }

    /**
     * As {@link #start(Path, int, Map)}, with JVM options after the defaults (a later {@code -D} wins: e.g. another
     * {@code java.util.logging.config.file}, or {@code catalina.config} for another {@code catalina.properties}).
     */
    public static TomcatServer start(Path base, int port, Map<String, Deployment> applications,
                                     List<String> jvmOptions) {
        Path home = Path.of(Required.property("it.tomcat.home"));
        Required.piece(Files.isRegularFile(home.resolve("bin/bootstrap.jar")), "Tomcat at " + home);
        Dirs.fresh(base);
        try {
            for (String dir : List.of("conf/Catalina/localhost", "logs", "webapps", "work", "temp")) {
                Files.createDirectories(base.resolve(dir));
            }
            for (String file : List.of("catalina.properties", "context.xml", "logging.properties", "web.xml")) {
                Files.copy(home.resolve("conf").resolve(file), base.resolve("conf").resolve(file),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Tomcat's base at " + base, e);
        }
        Dirs.write(base.resolve("conf/server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Listener className="org.apache.catalina.startup.VersionLoggerListener"/>
                  <Service name="Catalina">
                    <Connector address="127.0.0.1" port="%d" protocol="HTTP/1.1" connectionTimeout="20000"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="false" autoDeploy="false"/>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port));
        applications.forEach((context, deployment) -> Dirs.write(
                base.resolve("conf/Catalina/localhost").resolve(context.substring(1) + ".xml"), contextXml(deployment)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "-Dcatalina.home=" + home, "-Dcatalina.base=" + base, "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp", home.resolve("bin/bootstrap.jar") + ":" + home.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start"));
        ServerProcess process = ServerProcess.start("Tomcat", command, base, Map.of(),
                base.resolve("logs/catalina.out"));
        process.awaitLog("Server startup in", Duration.ofSeconds(90));
        return new TomcatServer(process, port, base);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The main log: {@code logs/catalina.out}. */
    public String log() {
        return process.log();
    }

    /** The time Tomcat reports for deploying the context file of {@code contextPath}, in ms. */
    public long deploymentMillis(String contextPath) {
        String marker = "Deployment of deployment descriptor [" + base.resolve("conf/Catalina/localhost")
                .resolve(contextPath.substring(1) + ".xml") + "] has finished in [";
        String log = log();
        int at = log.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("no deployment time for " + contextPath + " in catalina.out");
        }
        int start = at + marker.length();
        return Long.parseLong(log.substring(start, log.indexOf(']', start)).replace(",", ""));
    }

    @Override
    public void close() {
        process.close();
    }

    private static String contextXml(Deployment deployment) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Context docBase=\"")
                .append(Dirs.xml(deployment.war().toAbsolutePath().toString())).append("\">\n");
        deployment.parameters().forEach((name, value) -> xml.append("  <Parameter name=\"").append(Dirs.xml(name))
                .append("\" value=\"").append(Dirs.xml(value)).append("\" override=\"false\"/>\n"));
        return xml.append("</Context>\n").toString();
    }
}
