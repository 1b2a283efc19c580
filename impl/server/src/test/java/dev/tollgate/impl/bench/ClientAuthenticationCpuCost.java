package dev.tollgate.impl.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time (not wall time) of each {@link ClientAuthenticationBenchmark} operation, for a machine too loaded for
 * JMH's wall-clock figures to mean anything: the thread's own CPU time per operation
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}), after a warm-up, for ES256 and RS256. The assertion paths sign a
 * fresh assertion per call; {@code signAssertion} is that share, measured alone. Run with the test class path:
 * {@code java -cp ... dev.tollgate.impl.bench.ClientAuthenticationCpuCost [iterations]}.
 */
public final class ClientAuthenticationCpuCost {

    private ClientAuthenticationCpuCost() {
    }

    @FunctionalInterface
    private interface Operation {
        Object run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String algorithm : new String[]{"ES256", "RS256"}) {
            ClientAuthenticationBenchmark bench = new ClientAuthenticationBenchmark();
            bench.algorithm = algorithm;
            bench.setUp();
            try {
                report(threads, algorithm, "clientSecretBasic", iterations * 10, bench::clientSecretBasic);
                report(threads, algorithm, "privateKeyJwt", iterations, bench::privateKeyJwt);
                report(threads, algorithm, "privateKeyJwtWithoutLedger", iterations, bench::privateKeyJwtWithoutLedger);
                report(threads, algorithm, "signAssertion", iterations, bench::signAssertion);
            } finally {
                bench.tearDown();
            }
        }
    }

    private static void report(ThreadMXBean threads, String algorithm, String name, int iterations,
                               Operation operation) throws Exception {
        for (int i = 0; i < iterations; i++) { // warm-up: as many again
            operation.run();
        }
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            operation.run();
        }
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / iterations;
        double wallMicros = (System.nanoTime() - wall) / 1_000.0 / iterations;
        System.out.printf("%s %-28s %8.1f us CPU/op  %9.1f us wall/op  (%d ops)%n", algorithm, name, cpuMicros,
                wallMicros, iterations);
    }
}
