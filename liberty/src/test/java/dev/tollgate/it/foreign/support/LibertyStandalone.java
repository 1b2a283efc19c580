package dev.tollgate.it.foreign.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Open Liberty server of its own (not the integration-test server), from the runtime the build already
 * extracted ({@code wlp.home}), in a fresh user folder. Applications are {@code <webApplication>}s with an absolute
 * location; their gate keys, if any, are {@code <appProperties>} (MicroProfile Config, so the server needs
 * {@code mpConfig-3.1} then); keys for every application go in {@code server.env} as environment variables. The main
 * log is {@code logs/messages.log}.
 */
public final class LibertyStandalone implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("CWWKZ0001I: Application (\\S+) started in ([0-9.]+) seconds");

    private final ServerProcess process;
    private final int port;
    private final Path messages;

    private LibertyStandalone(ServerProcess process, int port, Path messages) {
        this.process = process;
        this.port = port;
        this.messages = messages;
    }

    /**
     * Starts server {@code name} on 127.0.0.1:{@code port}.
     *
     * @param features e.g. {@code servlet-6.0}
     * @param environment the server's {@code server.env}
     * @param applications context root → deployment ({@code appProperties} from its parameters)
     */
    public static LibertyStandalone start(Path usr, String name, int port, List<String> features,
                                          Map<String, String> environment, Map<String, Deployment> applications) {
        return start(usr, name, port, features, environment, applications, Map.of());
    }

    /**
     * As {@link #start(Path, String, int, List, Map, Map)}, with the server's {@code bootstrap.properties} (e.g.
     * {@code com.ibm.ws.logging.trace.specification}, whose output goes to {@code logs/trace.log}).
     */
    public static LibertyStandalone start(Path usr, String name, int port, List<String> features,
                                          Map<String, String> environment, Map<String, Deployment> applications,
                                          Map<String, String> bootstrap) {
        Path wlp = Path.of(Required.property("wlp.home"));
        Required.piece(Files.isRegularFile(wlp.resolve("bin/server")), "Open Liberty at " + wlp);
        Path server = Dirs.fresh(usr).resolve("servers").resolve(name);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<server>\n  <featureManager>\n");
        features.forEach(feature -> xml.append("    <feature>").append(feature).append("</feature>\n"));
        xml.append("  </featureManager>\n")
                .append("  <httpEndpoint id=\"defaultHttpEndpoint\" host=\"127.0.0.1\" httpPort=\"").append(port)
                .append("\" httpsPort=\"-1\"/>\n")
                .append("  <applicationMonitor updateTrigger=\"disabled\" dropinsEnabled=\"false\"/>\n");
        applications.forEach((context, deployment) -> {
            String id = context.substring(1);
            xml.append("  <webApplication id=\"").append(id).append("\" name=\"").append(id).append("\" location=\"")
                    .append(Dirs.xml(deployment.war().toAbsolutePath().toString())).append("\" contextRoot=\"")
                    .append(context).append("\">\n");
            if (!deployment.parameters().isEmpty()) {
                xml.append("    <appProperties>\n");
                deployment.parameters().forEach((key, value) -> xml.append("      <property name=\"")
                        .append(Dirs.xml(key)).append("\" value=\"").append(Dirs.xml(value)).append("\"/>\n"));
                xml.append("    </appProperties>\n");
            }
            xml.append("  </webApplication>\n");
        });
        Dirs.write(server.resolve("server.xml"), xml.append("</server>\n").toString());
        StringBuilder env = new StringBuilder();
        environment.forEach((key, value) -> env.append(key).append('=').append(value).append('\n'));
        Dirs.write(server.resolve("server.env"), env.toString());
        if (!bootstrap.isEmpty()) {
            StringBuilder properties = new StringBuilder();
            bootstrap.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
            Dirs.write(server.resolve("bootstrap.properties"), properties.toString());
        }

        List<String> command = List.of("sh", wlp.resolve("bin/server").toString(), "run", name);
        Map<String, String> processEnv = Map.of("WLP_USER_DIR", usr.toString(),
                "JAVA_HOME", System.getProperty("java.home"));
        ServerProcess process = ServerProcess.start("Liberty " + name, command, usr, processEnv,
                usr.resolve("console.log"));
        Path messages = server.resolve("logs/messages.log");
        process.awaitReady(() -> ServerProcess.read(messages).contains("CWWKF0011I"), Duration.ofSeconds(120));
        if (ServerProcess.read(messages).contains("CWWKF0001E")) {
            process.close();
            throw new IllegalStateException("Liberty " + name + " lacks a feature (CWWKF0001E):\n"
                    + ServerProcess.read(messages));
        }
        return new LibertyStandalone(process, port, messages);
    }

    /**
     * A key as an environment variable, as MicroProfile Config and the gate spell it: every character that is not
     * a letter or a digit becomes {@code _}, upper case ({@code tollgate.gate.jwks-file} → {@code
     * TOLLGATE_GATE_JWKS_FILE}).
     */
    public static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The main log: {@code messages.log}. */
    public String log() {
        return ServerProcess.read(messages);
    }

    /** The start-up time Liberty reports for application {@code name} (CWWKZ0001I), in ms. */
    public long startMillis(String name) {
        Matcher matcher = STARTED.matcher(log());
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return Math.round(Double.parseDouble(matcher.group(2)) * 1000);
            }
        }
        throw new IllegalStateException("application " + name + " did not start:\n" + log());
    }

    @Override
    public void close() {
        process.close();
    }
}
