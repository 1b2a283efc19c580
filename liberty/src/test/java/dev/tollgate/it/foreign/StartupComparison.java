package dev.tollgate.it.foreign;

import dev.tollgate.it.foreign.support.Deployment;
import dev.tollgate.it.foreign.support.ForeignWar;
import dev.tollgate.it.foreign.support.LibertyStandalone;
import dev.tollgate.it.foreign.support.Required;
import dev.tollgate.it.foreign.support.TomcatServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A benchmark, not a test: the start-up of the foreign WAR with and without the gate, on Tomcat 10.1 and on
 * Liberty with {@code servlet-6.0} alone, as each container reports it (Tomcat: "Deployment of deployment
 * descriptor ... has finished in [N] ms"; Liberty: CWWKZ0001I "started in N seconds"), and the gate's own part of
 * it: the initializer's FINE line "initializer took N ms" (Tomcat: {@code dev.tollgate.level=FINE}; Liberty: trace
 * specification {@code dev.tollgate.*=fine}, in every variant alike). On Tomcat the WAR packed (a context file whose
 * {@code docBase} is the WAR: Tomcat runs it from the WAR) and unpacked (as Tomcat unpacks a WAR copied into
 * {@code webapps}), and with {@code nimbus-jose-jwt*.jar} added to
 * {@code tomcat.util.scan.StandardJarScanFilter.jarsToSkip}. The gate's keys come from a JWK set file (parsed at start)
 * or, in the "discovery" rows, from the issuer's metadata (fetched at the first token, never at start).
 *
 * <p>One application per start, the variants interleaved and rotated each round, {@code args[0]} rounds (default
 * 5); {@code -Dstartup.variants=<regex>} runs only the variants whose name it finds. Needs the foreign suite's
 * system properties ({@code it.foreign.dir}, {@code it.tomcat.home}, {@code wlp.home}, {@code it.bundles}); see
 * PERFORMANCE.md.
 */
public final class StartupComparison {

    private static final Pattern INITIALIZER = Pattern.compile("initializer took (\\d+) ms");

    private StartupComparison() {
    }

    /**
     * One way of deploying the WAR: which WAR (or unpacked directory), the gate's keys, and whether Tomcat skips
     * nimbus-jose-jwt in its jar scans.
     */
    private record Variant(String name, Path war, Map<String, String> config, boolean skipNimbus) {

        Variant(String name, Path war, Map<String, String> config) {
            this(name, war, config, false);
        }
    }

    /** A container's figures: deployment and initializer time per variant, in ms. */
    private record Figures(Map<String, List<Long>> deployment, Map<String, List<Long>> initializer) {

        Figures() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        void add(String variant, long deploymentMillis, Long initializerMillis) {
            deployment.computeIfAbsent(variant, k -> new ArrayList<>()).add(deploymentMillis);
            if (initializerMillis != null) {
                initializer.computeIfAbsent(variant, k -> new ArrayList<>()).add(initializerMillis);
            }
        }
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Path.of(Required.property("it.foreign.dir"), "startup");
        Path plain = ForeignWar.withoutGate(dir);
        Path gate = ForeignWar.withGate(dir);
        Path fragments = ForeignWar.withGateAndFragments(dir);
        Path plainDir = unpack(plain, dir.resolve("unpacked/inventory-plain"));
        Path gateDir = unpack(gate, dir.resolve("unpacked/inventory"));
        Path fragmentsDir = unpack(fragments, dir.resolve("unpacked/inventory-fragments"));
        Map<String, String> config = ForeignWar.gateConfig(dir);
        // The usual configuration: keys discovered from the issuer, fetched at the first token (none at start).
        Map<String, String> discovery = new LinkedHashMap<>(config);
        discovery.remove("tollgate.gate.jwks-file");
        discovery.remove("tollgate.gate.discovery");
        Path tomcatHome = Path.of(Required.property("it.tomcat.home"));
        Path logging = write(dir.resolve("tomcat-logging.properties"),
                read(tomcatHome.resolve("conf/logging.properties")) + "\ndev.tollgate.level = FINE\n");
        Path skipping = write(dir.resolve("tomcat-catalina-skip-nimbus.properties"), skipNimbus(
                read(tomcatHome.resolve("conf/catalina.properties"))));

        List<Variant> tomcatVariants = selected(List.of(
                new Variant("packed: without the gate", plain, config),
                new Variant("packed: gate, metadata-complete", gate, config),
                new Variant("packed: gate, metadata-complete, jarsToSkip nimbus", gate, config, true),
                new Variant("packed: gate, fragments read", fragments, config),
                new Variant("packed: gate, fragments read, jarsToSkip nimbus", fragments, config, true),
                new Variant("unpacked: without the gate", plainDir, config),
                new Variant("unpacked: gate, metadata-complete", gateDir, config),
                new Variant("unpacked: gate, metadata-complete, discovery", gateDir, discovery),
                new Variant("unpacked: gate, fragments read", fragmentsDir, config),
                new Variant("unpacked: gate, fragments read, jarsToSkip nimbus", fragmentsDir, config, true)));
        List<Variant> libertyVariants = selected(List.of(
                new Variant("without the gate", plain, config),
                new Variant("gate, metadata-complete", gate, config),
                new Variant("gate, metadata-complete, discovery", gate, discovery),
                new Variant("gate, fragments read", fragments, config)));
        Map<String, String> trace = Map.of("com.ibm.ws.logging.trace.specification", "*=info:dev.tollgate.*=fine");

        Figures tomcat = new Figures();
        Figures liberty = new Figures();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < tomcatVariants.size(); i++) {
                Variant variant = tomcatVariants.get((i + round) % tomcatVariants.size());
                List<String> options = new ArrayList<>(List.of("-Djava.util.logging.config.file=" + logging));
                if (variant.skipNimbus()) {
                    options.add("-Dcatalina.config=" + skipping.toUri());
                }
                try (TomcatServer server = TomcatServer.start(dir.resolve("tomcat"), Required.port(2),
                        Map.of(ForeignWar.CONTEXT, new Deployment(variant.war(), variant.config())), options)) {
                    tomcat.add(variant.name(), server.deploymentMillis(ForeignWar.CONTEXT),
                            initializerMillis(server.log()));
                }
            }
            for (int i = 0; i < libertyVariants.size(); i++) {
                Variant variant = libertyVariants.get((i + round) % libertyVariants.size());
                Path usr = dir.resolve("liberty");
                Map<String, String> environment = new LinkedHashMap<>();
                variant.config().forEach((key, value) -> environment.put(LibertyStandalone.environmentName(key),
                        value));
                long started;
                try (LibertyStandalone server = LibertyStandalone.start(usr, "startup", Required.port(1),
                        List.of("servlet-6.0"), environment,
                        Map.of(ForeignWar.CONTEXT, new Deployment(variant.war(), Map.of())), trace)) {
                    started = server.startMillis(ForeignWar.CONTEXT.substring(1));
                }
                Path traceLog = usr.resolve("servers/startup/logs/trace.log");
                liberty.add(variant.name(), started,
                        Files.exists(traceLog) ? initializerMillis(read(traceLog)) : null);
            }
            System.out.printf("round %d done%n", round + 1);
        }
        print("Tomcat 10.1: deployment of the context (ms)", tomcat);
        print("Liberty servlet-6.0: application start, CWWKZ0001I (ms)", liberty);
    }

    /**
     * The variants whose name matches the regular expression {@code -Dstartup.variants} (all when unset), and always
     * the WARs without the gate, which the differences are taken against.
     */
    private static List<Variant> selected(List<Variant> variants) {
        Pattern only = Pattern.compile(System.getProperty("startup.variants", ".*"));
        return variants.stream().filter(v -> v.name().endsWith("without the gate") || only.matcher(v.name()).find())
                .toList();
    }

    /** Tomcat's catalina.properties with nimbus-jose-jwt added to the jars no scan opens. */
    private static String skipNimbus(String properties) {
        String key = "tomcat.util.scan.StandardJarScanFilter.jarsToSkip=";
        int at = properties.indexOf(key);
        if (at < 0) {
            throw new IllegalStateException("no jarsToSkip in catalina.properties");
        }
        int end = at + key.length();
        return properties.substring(0, end) + "nimbus-jose-jwt*.jar," + properties.substring(end);
    }

    /** The WAR unpacked into {@code target}, as Tomcat unpacks a WAR in its appBase ({@code unpackWARs}). */
    private static Path unpack(Path war, Path target) {
        try (Stream<Path> old = Files.exists(target) ? Files.walk(target) : Stream.empty()) {
            for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + target, e);
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(war))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IllegalStateException("entry outside the WAR: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(zip, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + war, e);
        }
        return target;
    }

    private static Long initializerMillis(String log) {
        Matcher matcher = INITIALIZER.matcher(log);
        return matcher.find() ? Long.valueOf(matcher.group(1)) : null;
    }

    private static void print(String title, Figures figures) {
        System.out.println("\n" + title);
        System.out.println("| WAR | runs | median | min | max | median − without | min − without | ratio of medians"
                + " | initializer runs | initializer median |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        figures.deployment().forEach((variant, times) -> {
            // The baseline of a row is the WAR without the gate deployed the same way ("packed: ", "unpacked: ").
            String prefix = variant.contains(": ") ? variant.substring(0, variant.indexOf(": ") + 2) : "";
            List<Long> without = figures.deployment().get(prefix + "without the gate");
            long baseline = median(without);
            long baselineMin = min(without);
            List<Long> initializer = figures.initializer().getOrDefault(variant, List.of());
            System.out.printf("| %s | %s | %d | %d | %d | %+d | %+d | %.2f | %s | %s |%n", variant, times,
                    median(times), min(times), times.stream().mapToLong(Long::longValue).max().orElse(0),
                    median(times) - baseline, min(times) - baselineMin, (double) median(times) / baseline,
                    initializer.isEmpty() ? "–" : initializer, initializer.isEmpty() ? "–" : median(initializer));
        });
    }

    private static long median(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long min(List<Long> times) {
        return times.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
