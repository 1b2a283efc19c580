package dev.tollgate.it.foreign.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least a given feature release, for servers that need a newer Java than the build's 17
 * (Keycloak 26 needs 21). In order: the system property {@code it.jdk21.home}, the running JVM, then the JDKs under
 * {@code /usr/lib/jvm} by their {@code release} file (the newest wins). No path is assumed.
 */
public final class Jdk {

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private Jdk() {
    }

    public static Optional<Path> atLeast(int feature) {
        String configured = System.getProperty("it.jdk21.home", "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(home -> version(home) >= feature);
        }
        if (Runtime.version().feature() >= feature) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> version(home) >= feature)
                    .max(Comparator.comparingInt(Jdk::version));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature release named by the JDK's {@code release} file; 0 when unreadable. */
    static int version(Path home) {
        try {
            Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
