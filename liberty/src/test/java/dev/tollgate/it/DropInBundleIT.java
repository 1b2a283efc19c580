package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a drop-in user copies into WEB-INF/lib, checked as the build produced it: the gate's bundle holds the gate,
 * its shared module, the API and Nimbus JOSE+JWT, and not one class of the token client or the server; the token
 * client's bundle holds nothing of the gate or the server.
 */
class DropInBundleIT {

    @Test
    void theGateBundleIsTheGateAndNothingElse() throws IOException {
        Path lib = lib("gate");

        assertEquals(List.of("nimbus-jose-jwt", "tollgate-api", "tollgate-common", "tollgate-gate"), artifacts(lib));
        List<String> entries = classEntries(lib);
        assertTrue(entries.stream().anyMatch(e -> e.equals("dev/tollgate/impl/gate/GateFilter.class")));
        assertEquals(List.of(), entries.stream()
                .filter(e -> e.startsWith("dev/tollgate/impl/client/") || e.startsWith("dev/tollgate/impl/server/")
                        || e.startsWith("dev/tollgate/war/"))
                .toList());
    }

    @Test
    void theTokenClientBundleCarriesNeitherTheGateNorTheServer() throws IOException {
        Path lib = lib("client");

        assertEquals(List.of("nimbus-jose-jwt", "tollgate-api", "tollgate-client", "tollgate-common"),
                artifacts(lib));
        assertEquals(List.of(), classEntries(lib).stream()
                .filter(e -> e.startsWith("dev/tollgate/impl/gate/") || e.startsWith("dev/tollgate/impl/jwt/")
                        || e.startsWith("dev/tollgate/impl/server/") || e.startsWith("dev/tollgate/war/"))
                .toList());
    }

    private static Path lib(String product) {
        return Path.of(System.getProperty("it.bundles"), "tollgate-" + product + "-bundle-zip", "WEB-INF", "lib");
    }

    /** The bundle's jars by artifact id (the file name less its version). */
    private static List<String> artifacts(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(jar -> jar.getFileName().toString().replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", ""))
                    .sorted().toList();
        }
    }

    private static List<String> classEntries(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.flatMap(jar -> {
                try (JarFile file = new JarFile(jar.toFile())) {
                    return file.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class"))
                            .toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
