package dev.tollgate.it.ops;

import dev.tollgate.it.support.AwaitReadiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runnable jar ({@code target/tollgate-server.jar}, README "Production") started as its own process, exactly as
 * an operator starts it: {@code java -jar tollgate-server.jar} in a working folder, configured by environment
 * variables alone. Liberty extracts the jar into {@code <folder>/extract} (WLP_JAR_EXTRACT_DIR), so that nothing is
 * left in the home folder; the process's output goes to {@code <folder>/server.log}.
 */
final class RunnableJar implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofMinutes(10);
    /**
     * The README's low-footprint setting ("Memory"; with {@code MALLOC_ARENA_MAX=2}), so that every test of the jar
     * proves the server works with it. Keep in step with the README and bench/footprint.sh.
     */
    static final List<String> DOCUMENTED_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx512m", "-Xmn24m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    private final Process process;
    private final Path folder;
    private final String baseUrl;
    private final Duration startup;

    private RunnableJar(Process process, Path folder, String baseUrl, Duration startup) {
        this.process = process;
        this.folder = folder;
        this.baseUrl = baseUrl;
        this.startup = startup;
    }

    /** The jar the build packaged; fails (never skips) when it is missing. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("it.ops.jar", "target/tollgate-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No runnable jar at " + jar.toAbsolutePath()
                    + ": the package phase builds it (-Dserver.jar.skip=true leaves it out)");
        }
        return jar;
    }

    /** The first port of the ops suite (+0 HTTP, +1 HTTPS, +2 the metrics suite's server). */
    static int portBase() {
        return Integer.getInteger("it.ops.port-base", 9190);
    }

    /**
     * Starts the jar in a fresh working folder {@code target/ops/<name>} with these environment variables (and
     * HTTP_PORT), and waits until {@code /health/ready} answers 200.
     */
    static RunnableJar start(String name, int httpPort, Map<String, String> environment) throws Exception {
        Path folder = Path.of("target", "ops", name).toAbsolutePath();
        deleteRecursively(folder);
        Files.createDirectories(folder);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(DOCUMENTED_JVM_OPTIONS);
        command.addAll(List.of("-jar", jar().toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("server.log").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("TOLLGATE_") || key.startsWith("WLP_"));
        builder.environment().put("WLP_JAR_EXTRACT_DIR", folder.resolve("extract").toString());
        builder.environment().put("HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        Instant started = Instant.now();
        Process process = builder.start();
        RunnableJar server = new RunnableJar(process, folder, "http://127.0.0.1:" + httpPort, null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        try {
            server.awaitReady();
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return new RunnableJar(process, folder, server.baseUrl, Duration.between(started, Instant.now()));
    }

    private void awaitReady() throws InterruptedException {
        AwaitReadiness.untilReady(baseUrl, PATIENCE, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The runnable jar exited with " + process.exitValue() + ": " + log());
            }
            // A feature missing from the minified runtime: Liberty says CWWKF0001E and still starts, without it.
            if (log().contains("CWWKF0001E")) {
                throw new IllegalStateException("A feature is missing from the runnable jar: " + log());
            }
        });
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The working folder the jar was started in. */
    Path folder() {
        return folder;
    }

    /** From the process's start to /health/ready answering 200. */
    Duration startup() {
        return startup;
    }

    /** Everything the server wrote to its standard output and error so far. */
    String log() {
        try {
            return Files.readString(folder.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server as Ctrl-C does (SIGTERM: Liberty stops cleanly), forcibly after 60 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
