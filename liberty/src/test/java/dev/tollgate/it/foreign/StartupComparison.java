package dev.tollgate.it.foreign;

import dev.tollgate.it.foreign.support.Deployment;
import dev.tollgate.it.foreign.support.ForeignWar;
import dev.tollgate.it.foreign.support.LibertyStandalone;
import dev.tollgate.it.foreign.support.Required;
import dev.tollgate.it.foreign.support.TomcatServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark, not a test: the start-up of the foreign WAR with and without the gate, on Tomcat 10.1 and on
 * Liberty with {@code servlet-6.0} alone, as each container reports it (Tomcat: "Deployment of deployment
 * descriptor ... has finished in [N] ms"; Liberty: CWWKZ0001I "started in N seconds"). One application per start,
 * the variants interleaved, {@code args[0]} rounds (default 5). Needs the foreign suite's system properties
 * ({@code it.foreign.dir}, {@code it.tomcat.home}, {@code wlp.home}, {@code it.bundles}); see PERFORMANCE.md.
 */
public final class StartupComparison {

    private StartupComparison() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Path.of(Required.property("it.foreign.dir"), "startup");
        Map<String, Path> wars = new LinkedHashMap<>();
        wars.put("without the gate", ForeignWar.withoutGate(dir));
        wars.put("gate, metadata-complete", ForeignWar.withGate(dir));
        wars.put("gate, fragments read", ForeignWar.withGateAndFragments(dir));
        Map<String, String> config = ForeignWar.gateConfig(dir);

        Map<String, List<Long>> tomcat = new LinkedHashMap<>();
        Map<String, List<Long>> liberty = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Path> war : wars.entrySet()) {
                try (TomcatServer server = TomcatServer.start(dir.resolve("tomcat"), Required.port(2),
                        Map.of(ForeignWar.CONTEXT, new Deployment(war.getValue(), config)))) {
                    tomcat.computeIfAbsent(war.getKey(), k -> new ArrayList<>())
                            .add(server.deploymentMillis(ForeignWar.CONTEXT));
                }
                Map<String, String> environment = new LinkedHashMap<>();
                config.forEach((key, value) -> environment.put(LibertyStandalone.environmentName(key), value));
                try (LibertyStandalone server = LibertyStandalone.start(dir.resolve("liberty"), "startup",
                        Required.port(1), List.of("servlet-6.0"), environment,
                        Map.of(ForeignWar.CONTEXT, new Deployment(war.getValue(), Map.of())))) {
                    liberty.computeIfAbsent(war.getKey(), k -> new ArrayList<>())
                            .add(server.startMillis(ForeignWar.CONTEXT.substring(1)));
                }
            }
        }
        print("Tomcat 10.1: deployment of the context (ms)", tomcat);
        print("Liberty servlet-6.0: application start, CWWKZ0001I (ms)", liberty);
    }

    private static void print(String title, Map<String, List<Long>> results) {
        System.out.println("\n" + title);
        System.out.println("| WAR | runs | median | min | max | median − without |");
        System.out.println("|---|---|---|---|---|---|");
        long baseline = median(results.values().iterator().next());
        results.forEach((variant, times) -> System.out.printf("| %s | %s | %d | %d | %d | %+d |%n", variant, times,
                median(times), times.stream().mapToLong(Long::longValue).min().orElse(0),
                times.stream().mapToLong(Long::longValue).max().orElse(0), median(times) - baseline));
    }

    private static long median(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
