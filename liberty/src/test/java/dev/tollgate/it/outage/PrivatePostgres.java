package dev.tollgate.it.outage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL instance of the test's own (initdb + pg_ctl from {@code /usr/lib/postgresql/<version>/bin}, the
 * newest installed), in a data folder under {@code target/}, on 127.0.0.1 at a port of its own, trust
 * authentication, its socket folder under {@code target/} too: the test may stop it without touching the machine's
 * shared PostgreSQL. When the test runs as root (initdb refuses to), every command runs as the {@code postgres} user,
 * who then owns the folder.
 *
 * <p>Locally a missing PostgreSQL skips the test with the reason; under {@code CI=true} it fails it.
 */
final class PrivatePostgres implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final Path bin;
    private final Path home;
    private final Path data;
    private final Path sockets;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.data = home.resolve("data");
        this.sockets = home.resolve("sockets");
        this.port = port;
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
    }

    /**
     * A fresh cluster (any earlier one in {@code home} is deleted), initialised and started. As root the cluster
     * runs as the {@code postgres} user, which may not reach a checkout under a private folder (a clone in a
     * {@code mktemp -d} folder, mode 700): then it lives in a fresh folder of the system's temporary directory
     * instead, deleted by {@link #close}.
     */
    static PrivatePostgres create(Path home, int port) {
        Path bin = binaries();
        if ("root".equals(System.getProperty("user.name"))) {
            try {
                home = Files.createTempDirectory("tollgate-outage-postgresql-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        PrivatePostgres postgres = new PrivatePostgres(bin, home, port);
        postgres.initialise();
        postgres.start();
        return postgres;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** {@code pg_ctl start -w}: returns once it accepts connections. */
    void start() {
        run(List.of(bin.resolve("pg_ctl").toString(), "start", "-w", "-t", "60", "-D", data.toString(),
                "-l", home.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1"));
    }

    /** {@code pg_ctl stop -m immediate}: the harsh case, no shutdown checkpoint, connections cut. */
    void stopImmediately() {
        run(List.of(bin.resolve("pg_ctl").toString(), "stop", "-w", "-m", "immediate", "-D", data.toString()));
    }

    boolean running() {
        return exec(List.of(bin.resolve("pg_ctl").toString(), "status", "-D", data.toString())) == 0;
    }

    /** Stops it if it runs (fast mode); never throws, for a {@code finally}. */
    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                exec(List.of(bin.resolve("pg_ctl").toString(), "stop", "-w", "-m", "fast", "-D", data.toString()));
            }
        } catch (RuntimeException e) {
            System.err.println("could not stop the private PostgreSQL: " + e);
        }
        if (asPostgresUser) {
            try {
                deleteRecursively(home);
            } catch (IOException | RuntimeException e) {
                System.err.println("could not delete the private PostgreSQL's folder " + home + ": " + e);
            }
        }
    }

    private void initialise() {
        try {
            deleteRecursively(home);
            Files.createDirectories(sockets);
            Files.createDirectories(data);
            if (asPostgresUser) {
                exec(List.of("chown", "-R", "postgres:postgres", home.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--no-sync"));
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with initdb and pg_ctl. */
    private static Path binaries() {
        Optional<Path> found;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            found = versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb"))
                            && Files.isExecutable(dir.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PrivatePostgres::majorVersion));
        } catch (IOException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            String message = "the outage tests need PostgreSQL's initdb and pg_ctl under /usr/lib/postgresql/*/bin";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: a missing piece fails, it never skips)");
            }
            Assumptions.abort(message);
        }
        return found.get();
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void run(List<String> command) {
        int exit = exec(command);
        if (exit != 0) {
            throw new IllegalStateException("PostgreSQL command failed (" + exit + "): " + command + "\n"
                    + tail(home.resolve("command.log")) + "\n" + tail(home.resolve("postgres.log")));
        }
    }

    private int exec(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser && !command.get(0).equals("chown")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Files.createDirectories(home);
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("command.log").toFile()))
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL command timed out: " + full);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable " + file + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
