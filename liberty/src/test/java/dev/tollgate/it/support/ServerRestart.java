package dev.tollgate.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the IT server as an operator would ({@code server stop}, {@code server start}) and waits for the
 * application. Only for the {@code *RestartIT} classes, which run in their own failsafe execution after the rest of
 * the suite (restarting drops Arquillian's connection to the server).
 */
public final class ServerRestart {

    private ServerRestart() {
    }

    public static void restart() throws IOException, InterruptedException {
        serverCommand("stop");
        serverCommand("start");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (LibertyServer.get("/api/status").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // connection refused while the server starts
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server did not come back within 120 s");
    }

    private static void serverCommand(String action) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("wlp.home"), "bin", "server");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), action, System.getProperty("it.server"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("WLP_USER_DIR", System.getProperty("wlp.usr"));
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server " + action + " did not finish");
        }
        assertEquals(0, process.exitValue(), "server " + action + " failed");
    }
}
